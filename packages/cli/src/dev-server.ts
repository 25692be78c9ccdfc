/*
 * The server `sluice dev` runs under `tsx watch`: started again on every change.
 * Its options come as JSON in its first argument.
 */
import { serve } from '@sluice/core/node'
import { loadApp } from './load-app'
import { portProblem } from './port'
import { logRequests } from './request-log'
import { exitWithError, UsageError } from './usage-error'

/**
 * What `sluice dev` serves, and where.
 *
 * @example
 * ```ts
 * const options: DevServerOptions = { entry: '/home/ada/api/src/main.ts', host: '127.0.0.1', port: 8000 }
 * ```
 */
export interface DevServerOptions {
  /** The absolute path of the module that exports the app. */
  readonly entry: string
  /** The app's export name; default `app`, else the default export. */
  readonly app?: string
  readonly host: string
  readonly port: number
}

async function main(options: DevServerOptions): Promise<void> {
  const app = await loadApp(options.entry, options.app)
  // Signals are handled below: the watcher relays the terminal's Ctrl-C, so it comes twice.
  const server = await serve(app, {
    port: options.port,
    hostname: options.host,
    signals: false,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.syscall !== 'listen') throw error
    throw new UsageError(portProblem(error, options.host, options.port))
  })
  logRequests(server.server)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    server.close().then(() => process.exit(0), exitWithError)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main(JSON.parse(process.argv[2] ?? '{}')).catch(exitWithError)
