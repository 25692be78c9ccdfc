/**
 * Runs one scenario: a correctness pass over every contender, then several
 * rounds in which the contenders take turns (rotated order) under the same
 * load, each measured by its own CPU time per request, throughput and p99.
 */
import type { Contender } from './contenders'
import { drive, type LoadOptions } from './load'
import { cpuSeconds, peakRssMiB, type RunningServer, startServer, stopServer } from './server'
import { settings } from './settings'
import type { Endpoint } from './spec'

export interface Scenario {
  readonly id: string
  readonly title: string
  readonly contenders: readonly Contender[]
  readonly endpoints: readonly Endpoint[]
  /** A path answering 2xx once the server is ready. */
  readonly readyPath: string
  /** The contender every ratio is computed against. */
  readonly baseline: string
  /** Headers sent with every timed request. */
  readonly headers?: Readonly<Record<string, string>>
  /** The correctness pass: what a server got wrong, or nothing. */
  readonly check: (server: RunningServer) => Promise<string[]>
}

/** One endpoint's figures in one round. */
export interface Sample {
  readonly cpuUsPerRequest: number
  readonly requestsPerSecond: number
  readonly p99Ms: number
  readonly requests: number
}

export interface ContenderResult {
  readonly contender: Contender
  /** Why it was not measured, if it was not. */
  skipped?: string
  readonly samples: Map<string, Sample[]>
  readonly coldStartsMs: number[]
  readonly peakRssMiB: number[]
}

export interface ScenarioResult {
  readonly scenario: Scenario
  readonly results: ContenderResult[]
}

const log = (message: string) => process.stderr.write(`${message}\n`)

async function withServer<T>(
  contender: Contender,
  readyPath: string,
  headers: Readonly<Record<string, string>> | undefined,
  use: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await startServer(contender, readyPath, headers)
  try {
    return await use(server)
  } finally {
    await stopServer(server)
  }
}

async function correctness(scenario: Scenario, result: ContenderResult): Promise<void> {
  const { contender } = result
  const unavailable = contender.unavailable?.()
  if (unavailable) {
    result.skipped = `not run: ${unavailable}`
    return
  }
  try {
    const failures = await withServer(
      contender,
      scenario.readyPath,
      scenario.headers,
      scenario.check,
    )
    if (failures.length)
      result.skipped = `failed the correctness pass:\n${failures.map((f) => `  - ${f}`).join('\n')}`
  } catch (error) {
    result.skipped = `did not start: ${(error as Error).message}`
  }
}

async function measureRound(
  scenario: Scenario,
  result: ContenderResult,
  load: LoadOptions,
): Promise<void> {
  await withServer(result.contender, scenario.readyPath, scenario.headers, async (server) => {
    result.coldStartsMs.push(server.coldStartMs)
    const pid = server.process.pid!
    for (const endpoint of scenario.endpoints) {
      await drive(server.url, endpoint, { ...load, seconds: settings.warmup })
      const before = cpuSeconds(pid)
      const run = await drive(server.url, endpoint, load)
      const cpu = cpuSeconds(pid) - before
      if (run.failures)
        throw new Error(
          `${result.contender.id} ${endpoint.label}: ${run.failures} failed responses\n${server.output()}`,
        )
      const sample: Sample = {
        cpuUsPerRequest: (cpu / run.requests) * 1e6,
        requestsPerSecond: run.requestsPerSecond,
        p99Ms: run.p99Ms,
        requests: run.requests,
      }
      result.samples.get(endpoint.key)!.push(sample)
      log(
        `  ${result.contender.id.padEnd(14)} ${endpoint.label.padEnd(18)} ${sample.cpuUsPerRequest.toFixed(1).padStart(7)} µs/req ${sample.requestsPerSecond.toFixed(0).padStart(7)} req/s p99 ${sample.p99Ms.toFixed(2)} ms`,
      )
    }
    result.peakRssMiB.push(peakRssMiB(pid))
  })
}

/** Rotates the order by the round number, so no contender always runs first or last. */
function rotated<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}

export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const results: ContenderResult[] = scenario.contenders.map((contender) => ({
    contender,
    samples: new Map(scenario.endpoints.map((endpoint) => [endpoint.key, []])),
    coldStartsMs: [],
    peakRssMiB: [],
  }))
  log(`\n${scenario.title}: correctness pass`)
  for (const result of results) {
    await correctness(scenario, result)
    log(`  ${result.contender.id}: ${result.skipped ?? 'ok'}`)
  }
  const load = {
    seconds: settings.seconds,
    connections: settings.connections,
    ...(scenario.headers ? { headers: scenario.headers } : {}),
  }
  for (let round = 0; round < settings.rounds; round++) {
    log(`${scenario.title}: round ${round + 1} of ${settings.rounds}`)
    for (const result of rotated(results, round)) {
      if (result.skipped) continue
      try {
        await measureRound(scenario, result, load)
      } catch (error) {
        result.skipped = `failed while measured: ${(error as Error).message}`
        log(`  ${result.contender.id}: ${result.skipped}`)
      }
    }
  }
  return { scenario, results }
}
