/**
 * Starts and stops one contender's server pinned to its own core, and reads
 * what the kernel knows about it: CPU time (user + sys) and peak RSS.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { Contender } from './contenders'

/** The core the servers run on; the load generator gets the other one. */
export const SERVER_CORE = process.env.BENCH_SERVER_CORE ?? '0'
export const LOAD_CORE = process.env.BENCH_LOAD_CORE ?? '1'

/** Kernel clock ticks per second (`getconf CLK_TCK`), 100 on Linux. */
const CLOCK_TICKS = 100

/**
 * A port that is free now, below Linux's ephemeral range (32768+), so the
 * load generator's own client sockets and other jobs' connections cannot hold it.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (free) return port
  }
}

export interface RunningServer {
  readonly url: string
  readonly process: ChildProcess
  /** Milliseconds from spawn to the first successful response. */
  readonly coldStartMs: number
  /** Returns the logs the server wrote, for error messages. */
  readonly output: () => string
}

/** Seconds of CPU (user + sys) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return (utime + stime) / CLOCK_TICKS
}

/** The ids of a process's children (all its threads' children), from `/proc`. */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number),
    )
  } catch {
    return [] // It exited meanwhile.
  }
}

/** Seconds of CPU used so far by a process and every live descendant (a cluster's workers). */
export function treeCpuSeconds(pid: number): number {
  let total = 0
  try {
    total = cpuSeconds(pid)
  } catch {
    return 0 // It exited meanwhile.
  }
  for (const child of childPids(pid)) total += treeCpuSeconds(child)
  return total
}

/** A memory figure of the process from `/proc/<pid>/status`, in MiB. */
function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN)
  return kib / 1024
}

/** Peak resident set size of the process so far, in MiB. */
export const peakRssMiB = (pid: number): number => statusMiB(pid, 'VmHWM')

/** Resident set size of the process now, in MiB. */
export const rssMiB = (pid: number): number => statusMiB(pid, 'VmRSS')

/**
 * Spawns the contender on {@link SERVER_CORE} and polls `readyPath` until it
 * answers 2xx; that wait is the cold start. A server that exits before it is
 * ready (a port taken in the meantime) is started again on another port.
 */
export async function startServer(
  contender: Contender,
  readyPath: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(contender, readyPath, headers, await freePort())
    } catch (error) {
      if (!(error instanceof ExitedEarly) || attempt === 3) throw error
    }
  }
}

class ExitedEarly extends Error {}

async function startOnce(
  contender: Contender,
  readyPath: string,
  headers: Readonly<Record<string, string>>,
  port: number,
  timeoutMs = 20_000,
): Promise<RunningServer> {
  const [command, ...args] = contender.command(port)
  const started = performance.now()
  const child = spawn('taskset', ['-c', SERVER_CORE, command!, ...args], {
    cwd: contender.cwd,
    env: { ...process.env, ...contender.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout?.on('data', (chunk) => {
    log += chunk
  })
  child.stderr?.on('data', (chunk) => {
    log += chunk
  })
  const url = `http://127.0.0.1:${port}`
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) break
    try {
      const response = await fetch(url + readyPath, { headers })
      await response.arrayBuffer()
      if (response.ok) {
        return { url, process: child, coldStartMs: performance.now() - started, output: () => log }
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  if (child.exitCode !== null) {
    throw new ExitedEarly(`${contender.id} exited before answering ${readyPath}:\n${log}`)
  }
  child.kill('SIGKILL')
  throw new Error(`${contender.id} did not answer ${readyPath} within ${timeoutMs} ms:\n${log}`)
}

/** Stops the server and waits for it to exit. */
export async function stopServer(server: RunningServer): Promise<void> {
  const { process: child } = server
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
  await exited
  clearTimeout(timer)
}
