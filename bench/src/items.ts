/** Scenario 1 and 2: validated `GET /items/:id` and `POST /items` on every contender. */

import { BASELINE, bundlePath, CONTENDERS } from './contenders'
import { checkAll } from './correctness'
import { differenceSummary, profileServer, profileTable } from './profile'
import { compare, comparisonText, find, type TargetRow, verdict } from './report'
import type { Scenario, ScenarioResult } from './run'
import { settings } from './settings'
import { CASES, ENDPOINTS } from './spec'

/** The Hono-based contenders that validate with a schema library. */
const VALIDATING_HONO_PEERS = ['hono-valibot', 'hono-openapi', 'zod-openapi']

export const itemsScenario: Scenario = {
  id: 'items',
  title: 'Validated GET and POST',
  contenders: CONTENDERS.filter(
    (contender) =>
      !settings.only || settings.only.includes(contender.id) || contender.id === BASELINE,
  ),
  endpoints: ENDPOINTS,
  readyPath: '/items/1',
  baseline: BASELINE,
  check: (server) => checkAll(server.url, CASES),
}

/** Issue 7's and 26's targets for validated GET and POST, each on the best rounds and the medians. */
export function itemsTargets(run: ScenarioResult): TargetRow[] {
  const rows: TargetRow[] = []
  for (const endpoint of run.scenario.endpoints) {
    const against = (other: string) => compare(run, 'sluice', other, endpoint.key)
    const hono = against(BASELINE)
    rows.push({
      target: `${endpoint.label}: Sluice CPU/req ≤ 1.15× plain Hono's`,
      measured: comparisonText(hono, 'µs'),
      met: verdict(hono, (ratio) => ratio <= 1.15),
    })
    const peers = VALIDATING_HONO_PEERS.map((peer) => ({ peer, comparison: against(peer) })).filter(
      ({ comparison }) => Number.isFinite(comparison.best),
    )
    const cheaper = peers.map(({ comparison }) => verdict(comparison, (ratio) => ratio < 1))
    rows.push({
      target: `${endpoint.label}: Sluice cheaper than every Hono-based validating peer`,
      measured: peers
        .map(({ peer, comparison }) => `${peer}: ${comparisonText(comparison, 'µs')}`)
        .join('; '),
      met: peers.length ? cheaper.every(Boolean) : undefined,
    })
    const fastify = against('fastify')
    rows.push({
      target: `${endpoint.label}: Sluice level with Fastify + TypeBox (≤ 1.0×)`,
      measured: comparisonText(fastify, 'µs'),
      met: verdict(fastify, (ratio) => ratio <= 1),
    })
  }
  return rows
}

/**
 * Where the gap to Fastify goes: Fastify and Sluice profiled on each endpoint
 * (`profile.ts`), their CPU per request split by package.
 */
export async function fastifyGapSection(run: ScenarioResult): Promise<string> {
  const fastify = find(run, 'fastify')
  const sluice = find(run, 'sluice')
  if (!fastify || !sluice || fastify.skipped || sluice.skipped) return ''
  const tables: string[] = []
  for (const endpoint of run.scenario.endpoints) {
    const profiles = []
    for (const result of [fastify, sluice]) {
      const { contender } = result
      profiles.push(
        await profileServer(contender, bundlePath(contender.id), endpoint, run.scenario.readyPath),
      )
    }
    tables.push(
      `#### \`${endpoint.method} ${endpoint.path}\`\n\n${profileTable(profiles)}\n\n${differenceSummary(profiles)}`,
    )
  }
  return `### Where the gap to Fastify goes

Fastify and Sluice once more, each under \`node --cpu-prof\` for ${settings.warmup} s of warm-up and
${settings.seconds} s of load on one endpoint; the samples are summed by the package their code comes
from (the bundles mark each module's start), and each package's share of the busy samples is
multiplied by the run's CPU µs per request (the profiler adds its own cost, so these totals are
above the table's). "native" is time in C++ (the HTTP parser, sockets, V8 builtins); the last
column is Sluice − Fastify.

${tables.join('\n\n')}`
}
