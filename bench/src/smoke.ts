/**
 * The bench's smoke test (`pnpm --filter bench smoke`, a few seconds): draws a
 * chart from fixed figures, like the report's, opens it in Chromium and checks
 * it; with a path argument, checks that chart instead (e.g. `charts/items-get.svg`).
 * Exits 1 on any problem.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { barChart } from './chart'
import { checkChartInChromium } from './chart-check'
import { BENCH_DIR } from './paths'

/** Figures shaped like a real run: Node servers close together, FastAPI far beyond them. */
const SAMPLE = barChart({
  title: 'GET /items/42?limit=5: CPU µs per request (best round, shorter is cheaper)',
  unit: 'µs',
  bars: [
    { label: 'node:http + hand validation (ceiling)', value: 14.2 },
    { label: 'Hono + hand validation (baseline)', value: 16.1, kind: 'baseline' },
    { label: 'Hono + @hono/valibot-validator', value: 27.9 },
    { label: 'Fastify 5 + TypeBox', value: 15.0 },
    { label: 'Sluice', value: 16.4, kind: 'sluice' },
    { label: 'FastAPI 0.142 (uvicorn, 1 worker)', value: 239.7 },
  ],
})

async function main(): Promise<void> {
  const argument = process.argv[2]
  let path: string
  if (argument) {
    path = resolve(argument)
  } else {
    mkdirSync(`${BENCH_DIR}.tmp`, { recursive: true })
    path = `${BENCH_DIR}.tmp/smoke-chart.svg`
    writeFileSync(path, SAMPLE)
  }
  const bars = (readFileSync(path, 'utf8').match(/class="bar"/g) ?? []).length
  const problems = await checkChartInChromium(path, bars)
  if (problems.length) {
    process.stderr.write(`${path}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`)
    process.exit(1)
  }
  process.stderr.write(`${path}: ${bars} bars rendered in Chromium as drawn\n`)
}

await main()
