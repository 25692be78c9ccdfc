/** Scenario 1 and 2: validated `GET /items/:id` and `POST /items` on every contender. */

import { BASELINE, bundlePath, CONTENDERS } from './contenders'
import { checkAll } from './correctness'
import { differenceSummary, profileServer, profileTable } from './profile'
import { figure, find, fixed, ratio, type TargetRow } from './report'
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

/** Issue 7's targets for validated GET and POST. */
export function itemsTargets(run: ScenarioResult): TargetRow[] {
  const cpu = (id: string, endpoint: string) => figure(find(run, id), endpoint, 'cpuUsPerRequest')
  const rows: TargetRow[] = []
  for (const endpoint of run.scenario.endpoints) {
    const sluice = cpu('sluice', endpoint.key)
    const hono = cpu(BASELINE, endpoint.key)
    const measured = (other: string) => Number.isFinite(cpu(other, endpoint.key))
    const verdict = (ok: boolean) => (Number.isFinite(sluice) ? ok : undefined)
    rows.push({
      target: `${endpoint.label}: Sluice CPU/req ≤ 1.15× plain Hono's`,
      measured: `${fixed(sluice)} vs ${fixed(hono)} µs = ${ratio(sluice, hono)}`,
      met: verdict(sluice <= 1.15 * hono),
    })
    const peers = VALIDATING_HONO_PEERS.filter(measured)
    rows.push({
      target: `${endpoint.label}: Sluice cheaper than every Hono-based validating peer`,
      measured: peers
        .map(
          (peer) =>
            `${peer} ${fixed(cpu(peer, endpoint.key))} µs (${ratio(sluice, cpu(peer, endpoint.key))})`,
        )
        .join(', '),
      met: verdict(peers.every((peer) => sluice < cpu(peer, endpoint.key))),
    })
    const fastify = cpu('fastify', endpoint.key)
    rows.push({
      target: `${endpoint.label}: Sluice level with Fastify + TypeBox (≤ 1.10×)`,
      measured: `${fixed(sluice)} vs ${fixed(fastify)} µs = ${ratio(sluice, fastify)}`,
      met: Number.isFinite(fastify) ? verdict(sluice <= 1.1 * fastify) : undefined,
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
