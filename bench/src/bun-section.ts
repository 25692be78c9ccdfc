/**
 * The Bun section: the items contract on Bun — Hono (baseline), Elysia with
 * its `t` schemas and OpenAPI plugin, and Sluice — measured like the Node
 * contenders (server process CPU over requests served). Bun runs each server's
 * TypeScript directly; `bun` is the npm package's binary.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Contender } from './contenders'
import { checkAll } from './correctness'
import { BENCH_DIR } from './paths'
import {
  compare,
  comparisonText,
  endpointTables,
  processTable,
  skippedList,
  type TargetRow,
  verdict,
} from './report'
import { runScenario } from './run'
import { CASES, ENDPOINTS } from './spec'

/** The binary the `bun` npm package installs (run directly, so the process measured is Bun itself). */
function bunBinary(): string | undefined {
  try {
    const path = join(
      dirname(createRequire(import.meta.url).resolve('bun/package.json')),
      'bin/bun.exe',
    )
    return existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const BUN = bunBinary()

const bunServer = (id: string, label: string): Contender => ({
  id: `bun-${id}`,
  label,
  cwd: BENCH_DIR,
  command: () => [BUN!, '--conditions=@sluice/source', `${BENCH_DIR}src/bun/${id}.ts`],
  unavailable: () => (BUN ? undefined : 'the bun package (bench devDependency) has no binary'),
})

const BASELINE = 'bun-hono'

const contenders: readonly Contender[] = [
  bunServer('hono', 'Hono on Bun + hand validation (baseline)'),
  bunServer('elysia', 'Elysia on Bun (`t` schemas, OpenAPI plugin)'),
  bunServer('sluice', 'Sluice on Bun'),
]

function targets(run: Awaited<ReturnType<typeof runScenario>>): TargetRow[] {
  return ENDPOINTS.flatMap((endpoint) => {
    const hono = compare(run, 'bun-sluice', BASELINE, endpoint.key)
    const elysia = compare(run, 'bun-sluice', 'bun-elysia', endpoint.key)
    return [
      {
        target: `Bun, ${endpoint.label}: Sluice CPU/req ≤ 1.15× Hono on Bun`,
        measured: comparisonText(hono, 'µs'),
        met: verdict(hono, (ratio) => ratio <= 1.15),
      },
      {
        target: `Bun, ${endpoint.label}: Sluice at or below Elysia with validation on (≤ 1.0×)`,
        measured: comparisonText(elysia, 'µs'),
        met: verdict(elysia, (ratio) => ratio <= 1),
      },
    ]
  })
}

export async function bunSection(): Promise<{ markdown: string; targets: TargetRow[] }> {
  const run = await runScenario({
    id: 'bun',
    title: 'On Bun',
    contenders,
    endpoints: ENDPOINTS,
    readyPath: '/items/1',
    baseline: BASELINE,
    check: (server) => checkAll(server.url, CASES),
  })
  const markdown = `## On Bun

The same contract and correctness cases as above, served by \`Bun.serve\` (${BUN ? 'bun from the npm package' : 'bun missing'}):
plain Hono with hand validation (the baseline), Elysia with its own validation (\`t\` schemas for
params, query, body and response) and \`@elysiajs/openapi\` loaded, and the Sluice app of the Node
section. Bun runs each server's TypeScript directly, so cold start includes transpiling it. CPU µs
per request counts every thread of the Bun process. Ratios are to **Hono on Bun**. Installed as
here (pnpm, \`elysia\` and \`@elysiajs/openapi\` from npm), Elysia warns at start that
\`exact-mirror\` needs TypeBox's TypeCompiler for the unions its integer params become; its answers
pass every correctness case all the same.

${endpointTables(run)}

${processTable(run)}
${skippedList(run)}`
  return { markdown, targets: targets(run) }
}
