import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { createAdaptorServer } from '@hono/node-server'
import { findAppState, type SluiceMethods } from './app'
import type { Logger } from './exception-handlers'
import { withBodyReader } from './node/read-body'
import { docsPath } from './openapi/docs'
import { webSocketsOf } from './realtime/ws-adapter'

export { type ReadEnvFileOptions, readEnvFile } from './env-file'
export { type NodeWebSocketServer, nodeWebSocket } from './realtime/ws-node'

/**
 * What {@link serve} needs of an app: Hono's `fetch` and Sluice's lifecycle.
 *
 * @example
 * ```ts
 * const app: ServableApp = createApp({ routes: [health] })
 * ```
 */
export type ServableApp = Pick<SluiceMethods, 'startup' | 'shutdown'> & {
  readonly fetch: Parameters<typeof createAdaptorServer>[0]['fetch']
}

/**
 * Options of {@link serve}.
 *
 * @example
 * ```ts
 * const options: ServeOptions = { port: 8080, hostname: '0.0.0.0', gracePeriod: 30_000 }
 * ```
 */
export interface ServeOptions {
  /** The port to listen on; `0` picks a free one (read it from the handle). Default 8000, as FastAPI's. */
  readonly port?: number
  /** The interface to listen on, e.g. `127.0.0.1`. Default: every interface. */
  readonly hostname?: string
  /** Signals that shut the server down gracefully, or `false` to leave signals alone. Default `SIGINT` and `SIGTERM`. */
  readonly signals?: readonly NodeJS.Signals[] | false
  /** Milliseconds a signal-triggered shutdown may take before the process exits with code 1. Default 10 000. */
  readonly gracePeriod?: number
  /** Where a port it cannot listen on and shutdown failures are reported. Default `console`. */
  readonly logger?: Logger
  /**
   * Called once the server listens, with its URL and its docs page's. Default: one line
   * on stdout, `Listening on http://localhost:8000 (docs: http://localhost:8000/docs)`;
   * `false` prints nothing.
   */
  readonly onListen?: ((info: ListenInfo) => void) | false
}

/**
 * What {@link ServeOptions.onListen} is told.
 *
 * @example
 * ```ts
 * const onListen = ({ url, docsUrl }: ListenInfo) => log.info('listening', { url, docs: docsUrl })
 * ```
 */
export interface ListenInfo {
  /** The base URL to reach the server, e.g. `http://localhost:8000`. */
  readonly url: string
  /** The port actually bound. */
  readonly port: number
  /** The URL of the app's Swagger UI, when it serves one. */
  readonly docsUrl: string | undefined
}

/**
 * A listening server started by {@link serve}.
 *
 * @example
 * ```ts
 * const server = await serve(app, { port: 0, signals: false })
 * await fetch(`${server.url}/health`)
 * await server.close()
 * ```
 */
export interface ServerHandle {
  /** The port actually bound, also when `0` was asked for. */
  readonly port: number
  /** The base URL to reach the server, e.g. `http://localhost:8000`. */
  readonly url: string
  /** The underlying Node server. */
  readonly server: Server
  /**
   * Stops accepting connections, lets in-flight requests finish, then runs
   * `app.shutdown()`. Calling it again returns the same promise.
   */
  close(): Promise<void>
}

const DEFAULT_PORT = 8000
const DEFAULT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/** `console`, without the `undefined` it would print after a message that comes with no error. */
const consoleLogger: Logger = {
  error: (message, error) =>
    error === undefined ? console.error(message) : console.error(message, error),
}

/**
 * Serves a Sluice app on Node: runs `app.startup()` (the lifespan's setup)
 * before listening, and on SIGINT/SIGTERM shuts down gracefully — stops
 * accepting connections, lets in-flight requests finish, runs `app.shutdown()`
 * (after-response work, app-scoped dependencies, lifespan teardown), then exits
 * with code 0. If that takes longer than `gracePeriod`, or a second signal
 * arrives, the process exits with code 1. Once listening it prints its URL
 * and its docs page's (see {@link ServeOptions.onListen}).
 *
 * A port it cannot listen on (one already in use, one it may not open) is
 * reported in one line and the process exits with code 1, as uvicorn does;
 * with `signals: false` (the process is not the server's to end) the promise
 * rejects with Node's error instead.
 *
 * Needs the optional peer dependency `@hono/node-server`.
 *
 * @example
 * ```ts
 * import { serve } from '@sluice/core/node'
 * import { app } from './app'
 *
 * await serve(app) // Listening on http://localhost:8000 (docs: http://localhost:8000/docs)
 * ```
 */
export async function serve(app: ServableApp, options: ServeOptions = {}): Promise<ServerHandle> {
  const logger = options.logger ?? consoleLogger
  const port = options.port ?? DEFAULT_PORT
  await app.startup()
  const server = createAdaptorServer({ fetch: withBodyReader(app.fetch) }) as Server
  // An app created with a Node WebSocket adapter (nodeWebSocket, @hono/node-ws) upgrades on this server.
  const websockets = webSocketsOf(app)
  if (websockets?.adapter.injectWebSocket) {
    server.on('upgrade', ignoreSocketErrors)
    websockets.adapter.injectWebSocket(server)
  }
  try {
    await listen(server, port, options.hostname)
  } catch (error) {
    await app.shutdown()
    if (options.signals === false) throw error
    logger.error(listenFailure(error as NodeJS.ErrnoException, port, options.hostname), undefined)
    process.exit(1)
  }
  const bound = (server.address() as AddressInfo).port
  const url = `http://${urlHost(options.hostname)}:${bound}`
  const shutdown = once(async () => {
    const draining = drain(server)
    // Open WebSockets never turn idle: close them (1001) so the server can drain.
    await websockets?.closeAll()
    await draining
    await app.shutdown()
  })
  const stopSignals = onSignals(
    options.signals ?? DEFAULT_SIGNALS,
    exitGracefully(shutdown, options.gracePeriod ?? 10_000, logger),
  )
  const close = () => {
    stopSignals()
    return shutdown()
  }
  const docs = docsPathOf(app)
  const info: ListenInfo = { url, port: bound, docsUrl: docs && `${url}${docs}` }
  if (options.onListen !== false) (options.onListen ?? printListening)(info)
  return { port: bound, url, server, close }
}

function printListening({ url, docsUrl }: ListenInfo): void {
  console.log(`Listening on ${url}${docsUrl ? ` (docs: ${docsUrl})` : ''}`)
}

/** The docs page's path of an app made by `createApp()`, if it serves one. */
function docsPathOf(app: ServableApp): string | undefined {
  const state = findAppState(app)
  return state && docsPath(state.options)
}

/**
 * One line that says why a server cannot listen on `port` and what to do
 * about it, ending with `choose` (how to choose another port where the
 * server is started from: a flag, a setting).
 *
 * @example
 * ```ts
 * listenFailure(error, 8000, '127.0.0.1', 'pick another with --port')
 * // 'Port 8000 is already in use: stop what is using it, or pick another with --port.'
 * ```
 */
export function listenFailure(
  error: NodeJS.ErrnoException,
  port: number,
  hostname?: string,
  choose = 'choose another port',
): string {
  if (error.code === 'EADDRINUSE')
    return `Port ${port} is already in use: stop what is using it, or ${choose}.`
  if (error.code === 'EACCES')
    return `Not allowed to listen on port ${port} (ports below 1024 need privileges): ${choose}.`
  return `Cannot listen on ${urlHost(hostname)}:${port}: ${error.message}`
}

/**
 * Node's HTTP server stops listening to a socket's errors once it hands it to
 * the `upgrade` listeners, and `@hono/node-ws` answers a refused upgrade (a
 * 401, a 404) by writing to it without listening either: a client that reset
 * the connection meanwhile would throw there and crash the process. A socket
 * that fails is destroyed by Node anyway; `ws` adds its own listener when it
 * takes one over.
 */
function ignoreSocketErrors(_request: unknown, socket: Duplex): void {
  socket.on('error', () => {})
}

function listen(server: Server, port: number, hostname: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/**
 * Stops accepting connections; resolves once every open connection has ended.
 * `server.close()` drops only the keep-alive connections idle at that moment, so
 * the ones still answering are swept as they turn idle, rather than waiting for
 * the keep-alive timeout (and without a listener on every request).
 */
function drain(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 25)
    server.close((error) => {
      clearInterval(sweep)
      if (error) reject(error)
      else resolve()
    })
    server.closeIdleConnections()
  })
}

/** Installs the handler for every signal; returns the function that removes it. */
function onSignals(
  signals: readonly NodeJS.Signals[] | false,
  handler: (signal: NodeJS.Signals) => void,
): () => void {
  if (!signals) return () => {}
  for (const signal of signals) process.on(signal, handler)
  return () => {
    for (const signal of signals) process.off(signal, handler)
  }
}

/**
 * The signal handler: exits 0 once `close` is done, 1 if it fails, outlasts
 * the grace period, or a second signal arrives. Exiting explicitly matters: a
 * signal handler replaces Node's default exit, and a leftover timer or socket
 * would otherwise keep the process alive.
 */
function exitGracefully(
  close: () => Promise<void>,
  gracePeriod: number,
  logger: Logger,
): (signal: NodeJS.Signals) => void {
  let closing = false
  return (signal) => {
    if (closing) {
      logger.error(`Received ${signal} again during shutdown; exiting now`, undefined)
      process.exit(1)
    }
    closing = true
    const timer = setTimeout(() => {
      logger.error(`Graceful shutdown did not finish within ${gracePeriod} ms; exiting`, undefined)
      process.exit(1)
    }, gracePeriod)
    timer.unref()
    close().then(
      () => process.exit(0),
      (error) => {
        logger.error('Error during graceful shutdown', error)
        process.exit(1)
      },
    )
  }
}

function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return () => {
    running ??= run()
    return running
  }
}

/** Wildcard addresses are not reachable as such; IPv6 literals need brackets in a URL. */
function urlHost(hostname: string | undefined): string {
  if (!hostname || hostname === '0.0.0.0' || hostname === '::') return 'localhost'
  return hostname.includes(':') ? `[${hostname}]` : hostname
}
