/** Scenario 1 and 2: validated `GET /items/:id` and `POST /items` on every contender. */

import { BASELINE, CONTENDERS } from './contenders'
import { checkAll } from './correctness'
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
