/**
 * `pnpm bench`: builds the contenders, checks they all answer alike, measures
 * them side by side, and writes bench/RESULTS.md. Settings: see `settings.ts`.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { buildServers } from './build'
import { bunSection } from './bun-section'
import { bundleSection, bundleTargets, measureBundles } from './bundle-size'
import { checkChartInChromium } from './chart-check'
import { environmentSection, loadAverage } from './environment'
import { fastifyGapSection, itemsScenario, itemsTargets } from './items'
import { loadGenerator } from './load'
import { mixedSection } from './mixed'
import { CHARTS_DIR, OUTPUT_FILE } from './paths'
import { prepareVenv } from './python'
import { realtimeSection } from './realtime'
import {
  endpointTables,
  processTable,
  skippedList,
  type TargetRow,
  targetsTable,
  writtenCharts,
} from './report'
import { runScenario } from './run'
import { LOAD_CORE, SERVER_CORE } from './server'
import { settings } from './settings'
import { todoSection } from './todo'
import { runTypecheck, typecheckSection, typecheckTargets } from './typecheck'

const started = new Date()
const loadBefore = loadAverage()
const sections: string[] = []
const targets: TargetRow[] = []

/**
 * Runs one part of the bench; a part that fails (say, a contender that no
 * longer builds) is reported in its section and the others still run.
 */
async function part(name: string, title: string, run: () => Promise<void>): Promise<void> {
  if (settings.skip.has(name)) return
  try {
    await run()
  } catch (error) {
    process.stderr.write(`\n${title} failed: ${(error as Error).stack}\n`)
    sections.push(
      `## ${title}\n\nNot measured: this part failed: \`${(error as Error).message.split('\n')[0]}\``,
    )
  }
}

rmSync(CHARTS_DIR, { recursive: true, force: true })
await buildServers()
if (!(settings.skip.has('items') && settings.skip.has('todo'))) prepareVenv()

await part('items', 'Validated GET and POST', async () => {
  const items = await runScenario(itemsScenario)
  sections.push(`## Validated GET and POST

Every contender serves \`GET /items/:id?limit=N\` (id integer ≥ 1, limit integer 1–100, default
10) and \`POST /items\` (name 1–100 chars, price > 0, tags ≤ 10 strings → 201), with the same
rules and the same response bodies, checked by a correctness pass (\`src/spec.ts\`) before any timing.
Ratios are to **${items.scenario.contenders.find((c) => c.id === items.scenario.baseline)?.label}**.

${endpointTables(items)}

### Cold start and memory

Cold start: from spawning the process to its first successful response (bundled \`.mjs\` for Node).

${processTable(items)}
${skippedList(items)}

${settings.skip.has('profile') ? '' : await fastifyGapSection(items)}`)
  targets.push(...itemsTargets(items))
})

await part('bun', 'On Bun', async () => {
  const bun = await bunSection()
  sections.push(bun.markdown)
  targets.push(...bun.targets)
})

await part('todo', 'Whole todo app', async () => {
  const todo = await todoSection()
  sections.push(todo.markdown)
  targets.push(...todo.targets)
})

// The mixed workload (`mixed`, PostgreSQL alone: `postgres`) and the scale model (`scale`) share a section.
if (!(settings.skip.has('mixed') && settings.skip.has('scale')))
  await part('mixed+scale', 'Mixed todo workload', async () => {
    sections.push(await mixedSection())
  })

await part('realtime', 'Realtime', async () => {
  const realtime = await realtimeSection()
  sections.push(realtime.markdown)
  targets.push(...realtime.targets)
})

await part('typecheck', 'Type-check cost', async () => {
  const results = await runTypecheck()
  sections.push(typecheckSection(results))
  targets.push(...typecheckTargets(results))
})

await part('bundle', 'Workers bundle size', async () => {
  const sizes = await measureBundles()
  sections.push(bundleSection(sizes))
  targets.push(...bundleTargets(sizes))
})

/** The first chart, opened in Chromium: a line for the report saying whether it renders as drawn. */
async function chartCheck(): Promise<string> {
  const chart = writtenCharts[0]
  if (!chart) return ''
  const name = chart.path.slice(CHARTS_DIR.length)
  try {
    const problems = await checkChartInChromium(chart.path, chart.bars)
    return problems.length
      ? `**Chart check:** \`charts/${name}\` rendered in Chromium with problems: ${problems.join('; ')}.`
      : `Chart check: \`charts/${name}\` was rendered in Chromium and its ${chart.bars} bars measured as drawn.`
  } catch (error) {
    return `Chart check: not run (${(error as Error).message.split('\n')[0]}).`
  }
}
const chartChecked = await chartCheck()

const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1)
const report = `# Sluice benchmark results

Written by \`pnpm bench\` (bench/src/main.ts) on ${started.toISOString()}, in ${minutes} minutes.
Do not edit by hand: run \`pnpm bench\` again.

**How to read it.** Servers run on core ${SERVER_CORE} and the load generator (${loadGenerator}) on core ${LOAD_CORE}
(\`taskset\`), ${settings.connections} connections, keep-alive. Each contender serves ${settings.rounds} round(s);
in every round the contenders take turns in a rotated order, each endpoint warmed up for ${settings.warmup} s and
then measured for ${settings.seconds} s. **CPU µs/req** is the server process's user + sys CPU time
(from \`/proc/<pid>/stat\`) divided by the requests it served in the measured window: it does not
depend on how much CPU the server was given, so it is the robust figure on a shared machine. Other
work on the machine can only inflate it (cache and core contention), so the **best** round's value
is the headline figure; the median is shown beside it. A target is met only when both the
best rounds' ratio and the ratio of the medians meet it; the spread of the per-round ratios is
stated beside them, so no verdict rests on one lucky round.
Throughput and p99 latency are medians over the rounds and are noisy when other work shares the
machine (see the load average below): compare them as ratios within this run only.
Every figure also appears as a ratio to the baseline (× base). **This run shared the machine**:
other work (builds, tests) ran on the same ${cpus().length} cores throughout, with a load average of
${loadBefore.split(' / ')[0]} at the start and ${loadAverage().split(' / ')[0]} at the end (see Machine), so
absolute figures are inflated and throughput is the least reliable of them; the ratios between
contenders measured side by side in one run are what to read.

## Targets

${targets.length ? targetsTable(targets) : 'No target was measured in this run.'}

${sections.join('\n\n')}

${chartChecked}

${environmentSection(loadBefore)}

Settings of this run: \`BENCH_ROUNDS=${settings.rounds} BENCH_DURATION=${settings.seconds} BENCH_WARMUP=${settings.warmup} BENCH_CONNECTIONS=${settings.connections}\`${settings.skip.size ? ` \`BENCH_SKIP=${[...settings.skip].join(',')}\`` : ''}${settings.only ? ` \`BENCH_ONLY=${settings.only.join(',')}\`` : ''}.
`

const output = OUTPUT_FILE
// One blank line between blocks, as the repository's formatter wants it.
writeFileSync(output, `${report.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`)
process.stderr.write(`\nWrote ${output}\n`)
