/**
 * Drives load with wrk (Debian) pinned to the load core, or autocannon (npm)
 * when wrk is missing, and reads back requests served, throughput and p99.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { BENCH_DIR } from './contenders'
import { LOAD_CORE } from './server'
import type { Endpoint } from './spec'

const run = promisify(execFile)

export interface LoadResult {
  readonly requests: number
  readonly seconds: number
  readonly requestsPerSecond: number
  readonly p99Ms: number
  /** Responses that were not 2xx, or socket errors: any makes the run invalid. */
  readonly failures: number
}

export interface LoadOptions {
  readonly seconds: number
  readonly connections: number
  /** Extra request headers, e.g. `authorization`. */
  readonly headers?: Readonly<Record<string, string>>
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((path) => existsSync(path))

/** The load generator in use, for the report. */
export const loadGenerator = WRK ? 'wrk' : 'autocannon'

export function loadGeneratorCommand(): string | undefined {
  return WRK
}

/** Runs load against one endpoint of a server. */
export function drive(url: string, endpoint: Endpoint, options: LoadOptions): Promise<LoadResult> {
  return WRK ? driveWrk(WRK, url, endpoint, options) : driveAutocannon(url, endpoint, options)
}

function wrkScript(endpoint: Endpoint, headers: Readonly<Record<string, string>>): string {
  const dir = `${BENCH_DIR}.tmp/`
  mkdirSync(dir, { recursive: true })
  const lines = [`wrk.method = ${JSON.stringify(endpoint.method)}`]
  if (endpoint.body !== undefined) {
    lines.push(`wrk.body = ${JSON.stringify(endpoint.body)}`)
    lines.push(`wrk.headers["Content-Type"] = "application/json"`)
  }
  for (const [name, value] of Object.entries(headers))
    lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
  const file = `${dir}${endpoint.key}.lua`
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

async function driveWrk(
  wrk: string,
  url: string,
  endpoint: Endpoint,
  options: LoadOptions,
): Promise<LoadResult> {
  const script = wrkScript(endpoint, options.headers ?? {})
  const { stdout } = await run('taskset', [
    '-c',
    LOAD_CORE,
    wrk,
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    '-s',
    script,
    url + endpoint.path,
  ])
  return parseWrk(stdout)
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

/** Reads wrk's text report. */
export function parseWrk(text: string): LoadResult {
  const served = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(text)
  const p99 = /99%\s+([\d.]+)(us|ms|s|m)/.exec(text)
  if (!served || !p99) throw new Error(`Cannot read wrk's output:\n${text}`)
  const requests = Number(served[1])
  const seconds = (Number(served[2]) * UNIT_MS[served[3]!]!) / 1000
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0)
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    text,
  )
  const errors = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    p99Ms: Number(p99[1]) * UNIT_MS[p99[2]!]!,
    failures: non2xx + errors,
  }
}

async function driveAutocannon(
  url: string,
  endpoint: Endpoint,
  options: LoadOptions,
): Promise<LoadResult> {
  const bin = createRequire(import.meta.url).resolve('autocannon/autocannon.js')
  const args = ['-c', LOAD_CORE, process.execPath, bin, '-j', '-c', String(options.connections)]
  args.push('-d', String(options.seconds), '-m', endpoint.method)
  const headers = { ...options.headers }
  if (endpoint.body !== undefined) {
    headers['content-type'] = 'application/json'
    args.push('-b', endpoint.body)
  }
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`)
  const { stdout } = await run('taskset', [...args, url + endpoint.path], {
    maxBuffer: 1 << 24,
  })
  const report = JSON.parse(stdout) as {
    requests: { total: number; average: number }
    latency: { p99: number }
    duration: number
    non2xx: number
    errors: number
  }
  return {
    requests: report.requests.total,
    seconds: report.duration,
    requestsPerSecond: report.requests.total / report.duration,
    p99Ms: report.latency.p99,
    failures: report.non2xx + report.errors,
  }
}
