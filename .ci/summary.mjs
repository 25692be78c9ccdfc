// Prints `N passed, N failed[, N skipped]` from vitest's JSON report; exits 1 when there is none.
import { readFileSync } from 'node:fs'

const file = process.argv[2]
let report
try {
  report = JSON.parse(readFileSync(file, 'utf8'))
} catch {
  console.log('0 passed, 1 failed')
  console.error(`ci: no test report at ${file}`)
  process.exit(1)
}
const skipped = report.numPendingTests + report.numTodoTests
const line = `${report.numPassedTests} passed, ${report.numFailedTests} failed`
console.log(skipped ? `${line}, ${skipped} skipped` : line)
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0)
