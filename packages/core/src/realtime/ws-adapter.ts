import type { Hono } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'

/**
 * A runtime's WebSocket support as Hono's helpers give it: `upgradeWebSocket`,
 * plus, on Node (`nodeWebSocket` from `@sluice/core/node`, or `@hono/node-ws`),
 * `injectWebSocket` to attach to the HTTP server.
 *
 * @example
 * ```ts
 * import { upgradeWebSocket } from 'hono/bun'
 * const adapter: WebSocketAdapter = { upgradeWebSocket }
 * ```
 */
export interface WebSocketAdapter {
  // biome-ignore lint/suspicious/noExplicitAny: each runtime's helper has its own raw socket and options
  readonly upgradeWebSocket: UpgradeWebSocket<any, any>
  /** Attaches the upgrade listener to a listening Node server; `serve()` calls it. */
  // biome-ignore lint/suspicious/noExplicitAny: Node's http, https or http2 server
  readonly injectWebSocket?: (server: any) => void
  /**
   * A `ws` server (`nodeWebSocket` and `@hono/node-ws` have one), whose
   * `maxPayload` the app sets to the largest message its routes allow.
   */
  readonly wss?: { readonly options: { maxPayload?: number | undefined } }
}

/**
 * The `websocket` option of `createApp`: an adapter, or a function that makes
 * one for the app (Node's adapters need the app itself).
 *
 * @example
 * ```ts
 * import { nodeWebSocket } from '@sluice/core/node'
 * import { WebSocketServer } from 'ws'
 * const websocket: WebSocketOption = (app) =>
 *   nodeWebSocket(app, new WebSocketServer({ noServer: true }))
 * ```
 */
export type WebSocketOption = WebSocketAdapter | ((app: Hono) => WebSocketAdapter)

/** An open connection as the app tracks it, to close it at shutdown. */
export interface OpenConnection {
  close(code: number, reason: string): void
  /** Settles once the connection has closed and its cleanups are scheduled. */
  readonly finished: Promise<void>
}

/**
 * An app's WebSockets: the runtime's adapter, and the connections open now,
 * which a graceful shutdown closes with 1001 (Going Away) rather than wait for.
 *
 * @example
 * ```ts
 * await webSocketsOf(app)?.closeAll()
 * ```
 */
export class AppWebSockets {
  readonly adapter: WebSocketAdapter
  readonly #open = new Set<OpenConnection>()
  #largestFrame = 0

  constructor(adapter: WebSocketAdapter) {
    this.adapter = adapter
  }

  /**
   * Where the adapter has a `ws` server (`@hono/node-ws` gives its `wss`), sets
   * its `maxPayload` to the largest message any route upgraded so far allows:
   * `ws` then refuses a bigger frame with 1009 from its header, before
   * buffering it. Only ever raised, so no route's limit is undercut; each
   * route's own, smaller limit is checked per message.
   */
  allowFrames(bytes: number): void {
    if (bytes <= this.#largestFrame) return
    const options = this.adapter.wss?.options
    if (!options) return
    this.#largestFrame = bytes
    options.maxPayload = bytes
  }

  /** Tracks a connection until it has finished. */
  track(connection: OpenConnection): void {
    this.#open.add(connection)
    connection.finished.finally(() => this.#open.delete(connection))
  }

  /** Closes every open connection with 1001 and waits until each has finished. */
  async closeAll(): Promise<void> {
    const open = [...this.#open]
    for (const connection of open) connection.close(1001, 'Server shutting down')
    await Promise.allSettled(open.map((connection) => connection.finished))
  }
}

const registry = new WeakMap<object, AppWebSockets>()

/** Resolves an app's WebSocket option and remembers it, for {@link webSocketsOf}. */
export function useWebSocket(app: Hono, option: WebSocketOption): AppWebSockets {
  const websockets = new AppWebSockets(typeof option === 'function' ? option(app) : option)
  registry.set(app, websockets)
  return websockets
}

/**
 * The WebSockets of an app created with a `websocket` option, if any: how
 * `serve()` on Node finds `injectWebSocket`, and closes open sockets at shutdown.
 *
 * @example
 * ```ts
 * webSocketsOf(app)?.adapter.injectWebSocket?.(server)
 * ```
 */
export function webSocketsOf(app: object): AppWebSockets | undefined {
  return registry.get(app)
}
