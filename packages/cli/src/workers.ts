/*
 * Several Node processes serving one port, as `uvicorn --workers N`: the
 * primary forks the workers (node:cluster hands each its share of the
 * connections), replaces one that dies, and stops them all on a signal.
 * `sluice run --workers N` runs on it; an app with its own entry script can
 * too (the todo app's src/main.ts does).
 */
import cluster, { type Worker } from 'node:cluster'
import type { ServerHandle } from '@sluice/core/node'

/** The message the primary sends a worker to make it drain and exit. */
const STOP = 'sluice:stop'
const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** A worker that dies younger than this was probably failing to start: its replacement waits. */
const HEALTHY_UPTIME_MS = 10_000
const FIRST_RESTART_DELAY_MS = 1_000
const MAX_RESTART_DELAY_MS = 30_000

/**
 * Where the primary and its workers report: a structured logger (the todo app's
 * JSON lines) or the command's readable lines.
 *
 * @example
 * ```ts
 * const log: WorkersLogger = {
 *   info: (message, fields) => console.log(message, fields),
 *   warn: (message, fields) => console.warn(message, fields),
 *   error: (message, error) => console.error(message, error),
 * }
 * ```
 */
export interface WorkersLogger {
  info(message: string, fields: Readonly<Record<string, unknown>>): void
  warn(message: string, fields: Readonly<Record<string, unknown>>): void
  error(message: string, error: unknown): void
}

/**
 * Options of {@link runWorkers}.
 *
 * @example
 * ```ts
 * const options: WorkersOptions = { workers: 4, env: { JWT_SECRET: secret }, log }
 * ```
 */
export interface WorkersOptions {
  /** How many worker processes to keep running. */
  readonly workers: number
  /** Variables each worker gets on top of this process's environment. */
  readonly env: Readonly<Record<string, string>>
  readonly log: WorkersLogger
  /** Milliseconds the workers have to drain after a signal before they are killed and the primary exits 1. Default 10 000, as serve()'s. */
  readonly gracePeriod?: number
}

/**
 * In the primary: forks `workers` copies of this script (each runs the
 * worker side, see {@link whenStopRequested}) and keeps that many running.
 * A worker that exits is replaced, at once if it had served for a while,
 * else after a delay that doubles up to 30 s, so a crash loop does not spin.
 * On SIGINT or SIGTERM it asks every worker to drain (finish the requests in
 * flight, run the app's shutdown) and exits 0 once all have exited 0; 1 if one
 * failed, outlasted the grace period, or a second signal came.
 *
 * @example
 * ```ts
 * if (cluster.isPrimary && settings.WORKERS > 1) runWorkers({ workers: settings.WORKERS, env: {}, log })
 * ```
 */
export function runWorkers({ workers, env, log, gracePeriod = 10_000 }: WorkersOptions): void {
  const running = new Set<Worker>()
  let delay = 0
  let stopping = false
  let failed = false

  const start = () => {
    const worker = cluster.fork(env)
    const startedAt = Date.now()
    running.add(worker)
    worker.on('exit', (code, signal) => {
      running.delete(worker)
      if (stopping) {
        failed ||= code !== 0
        if (running.size === 0) process.exit(failed ? 1 : 0)
        return
      }
      delay = restartDelay(delay, Date.now() - startedAt)
      log.warn('worker exited', {
        pid: worker.process.pid,
        code,
        signal,
        restart_in_ms: delay,
      })
      // A restart still pending when a signal comes is dropped: the pool is stopping.
      setTimeout(() => stopping || start(), delay)
    })
  }

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error(`Received ${signal} again during shutdown; killing the workers`, undefined)
      killAll(running)
      process.exit(1)
    }
    stopping = true
    log.info('stopping workers', { signal, workers: running.size })
    if (running.size === 0) process.exit(0)
    for (const worker of running) {
      // A worker whose channel just closed is exiting anyway: its exit is counted above.
      if (worker.isConnected()) worker.send(STOP, () => {})
    }
    setTimeout(() => {
      log.error(`Workers did not drain within ${gracePeriod} ms; killing them`, undefined)
      killAll(running)
      process.exit(1)
    }, gracePeriod).unref()
  }

  for (const signal of SIGNALS) process.on(signal, stop)
  for (let i = 0; i < workers; i++) start()
  log.info('started workers', { workers, pid: process.pid })
}

/**
 * How long to wait before replacing a worker that ran for `uptime` ms: no wait
 * after one that served for a while; after one that died young, twice the last
 * wait (1 s at first, 30 s at most).
 *
 * @example
 * ```ts
 * restartDelay(0, 200) // 1000
 * restartDelay(1000, 200) // 2000
 * restartDelay(2000, 60_000) // 0
 * ```
 */
export function restartDelay(previous: number, uptime: number): number {
  if (uptime >= HEALTHY_UPTIME_MS) return 0
  return Math.min(Math.max(previous * 2, FIRST_RESTART_DELAY_MS), MAX_RESTART_DELAY_MS)
}

function killAll(workers: ReadonlySet<Worker>): void {
  for (const worker of workers) worker.process.kill('SIGKILL')
}

/**
 * In a worker: resolves when the primary asks it to stop. Call it first thing,
 * so a stop that comes during start-up is not missed. SIGINT and SIGTERM are
 * ignored from then on: a Ctrl-C or a signal to the process group reaches the
 * workers too, and the primary's request is the one that counts (serve()
 * would read a second signal as "exit now").
 *
 * @example
 * ```ts
 * const stopRequested = whenStopRequested()
 * const server = await serve(app, { signals: false })
 * void stopRequested.then(() => drainAndExit(server, log))
 * ```
 */
export function whenStopRequested(): Promise<void> {
  for (const signal of SIGNALS) process.on(signal, () => {})
  return new Promise((resolve) => {
    process.on('message', (message) => {
      if (message === STOP) resolve()
    })
  })
}

/**
 * Closes `server` (the requests in flight finish, then the app shuts down) and
 * exits 0, or 1 if closing failed; the primary bounds how long it may take.
 *
 * @example
 * ```ts
 * void whenStopRequested().then(() => drainAndExit(server, log))
 * ```
 */
export async function drainAndExit(
  server: Pick<ServerHandle, 'close'>,
  log: Pick<WorkersLogger, 'error'>,
): Promise<never> {
  try {
    await server.close()
    process.exit(0)
  } catch (error) {
    log.error('Error during graceful shutdown', error)
    process.exit(1)
  }
}
