import cluster from 'node:cluster'
import { serve } from '@sluice/core/node'
import { loadApp } from './load-app'
import { cliLogger } from './log'
import { assertPortFree, portProblem } from './port'
import { UsageError } from './usage-error'
import { drainAndExit, runWorkers, whenStopRequested } from './workers'

/**
 * What `sluice run` serves, and how.
 *
 * @example
 * ```ts
 * const options: RunOptions = { entry: '/srv/api/src/main.ts', host: '0.0.0.0', port: 8000, workers: 4 }
 * ```
 */
export interface RunOptions {
  /** The absolute path of the module that exports the app. */
  readonly entry: string
  /** The app's export name; default `app`, else the default export. */
  readonly app?: string
  readonly host: string
  readonly port: number
  /** How many processes serve the port; 1 serves from this process. */
  readonly workers: number
}

/**
 * `sluice run`: serves the app for production, without reload. With one
 * worker this process serves, and SIGINT or SIGTERM drain it (in-flight
 * requests finish, then the app's shutdown runs) before it exits. With more,
 * this process is the primary of {@link runWorkers}: each worker imports the
 * app and serves the shared port, and a signal drains them all.
 *
 * @example
 * ```ts
 * await run({ entry: '/srv/api/src/main.ts', host: '0.0.0.0', port: 8000, workers: 1 })
 * ```
 */
export async function run(options: RunOptions): Promise<void> {
  if (cluster.isPrimary) await assertPortFree(options.host, options.port)
  if (cluster.isPrimary && options.workers > 1) {
    runWorkers({ workers: options.workers, env: {}, log: cliLogger })
    return
  }
  // In a worker the primary decides when to stop (see workers.ts); ask first, so no request is missed.
  const stopRequested = cluster.isWorker ? whenStopRequested() : undefined
  const app = await loadApp(options.entry, options.app)
  const server = await serve(app, {
    port: options.port,
    hostname: options.host,
    ...(stopRequested && {
      signals: false,
      onListen: ({ url }) => cliLogger.info('worker listening', { pid: process.pid, url }),
    }),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.syscall !== 'listen') throw error
    throw new UsageError(portProblem(error, options.host, options.port))
  })
  void stopRequested?.then(() => drainAndExit(server, cliLogger))
}
