// Counts the tutorial's conformance cases: identical to FastAPI, documented differences, pending fixes.
// Run from the repository root: `npx tsx docs/tutorial/count.ts [dir]` (it lists the tests with vitest, runs none).
import { execFileSync } from 'node:child_process'
import type { Kind } from './conformance'

/** The tally of case kinds, and of pending and documented cases by reason. */
export interface Tally {
  readonly total: number
  readonly kinds: Record<Kind, number>
  readonly reasons: Record<string, number>
}

/**
 * Tallies test names made by `conformance()`: `<kind> #<n> <METHOD> <path> → <status> (<reason>)`.
 *
 * @example
 * ```ts
 * tally(['identical #1 GET /items/1 → 200']).kinds.identical // 1
 * ```
 */
export function tally(names: readonly string[]): Tally {
  const kinds: Record<Kind, number> = { identical: 0, documented: 0, pending: 0 }
  const reasons: Record<string, number> = {}
  let total = 0
  for (const name of names) {
    const match =
      /^(identical|documented|pending) #\d+ .*?(?: \(((?:documented|pending): .*)\))?$/.exec(name)
    if (!match) continue
    total++
    kinds[match[1] as Kind]++
    if (match[2]) reasons[match[2]] = (reasons[match[2]] ?? 0) + 1
  }
  return { total, kinds, reasons }
}

function listTestNames(dir: string): string[] {
  const json = execFileSync('npx', ['vitest', 'list', '--project', 'sqlite', dir, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return (JSON.parse(json) as { name: string }[]).map(({ name }) => name.split(' > ').at(-1) ?? '')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The tutorial by default; `docs/fastapi-tests` for the replay of FastAPI's own tests.
  const { total, kinds, reasons } = tally(listTestNames(process.argv[2] ?? 'docs/tutorial'))
  console.log(
    `${total} cases: ${kinds.identical} identical, ${kinds.documented} documented, ${kinds.pending} pending`,
  )
  for (const [reason, count] of Object.entries(reasons).sort()) console.log(`  ${count}\t${reason}`)
}
