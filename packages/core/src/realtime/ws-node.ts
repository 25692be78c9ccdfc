import { type IncomingMessage, type Server, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { defineWebSocketHelper, WSContext, type WSEvents } from 'hono/ws'
import type { WebSocketAdapter } from './ws-adapter'

/** The parts of a `ws` `WebSocket` that {@link nodeWebSocket} uses. */
interface NodeWebSocket {
  readonly protocol: string
  readonly readyState: 0 | 1 | 2 | 3
  send(data: string | ArrayBuffer | Uint8Array, options: { compress?: boolean }): void
  close(code?: number, reason?: string): void
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): unknown
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

/**
 * The parts of a `ws` `WebSocketServer` that {@link nodeWebSocket} uses: make
 * it with `noServer: true`. Its `maxPayload` is set by the app to the largest
 * `maxMessageBytes` of its routes.
 */
export interface NodeWebSocketServer {
  readonly options: { maxPayload?: number | undefined }
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    done: (ws: NodeWebSocket) => void,
  ): void
}

/** What {@link nodeWebSocket} needs of the app: Hono's `fetch`. */
interface FetchingApp {
  fetch(request: Request, env: NodeEnv): Response | Promise<Response>
}

/** What a request's `c.env` holds on Node: the raw request, and the response unless it is an upgrade. */
interface NodeEnv {
  readonly incoming: IncomingMessage
  readonly outgoing: undefined
}

/**
 * WebSockets on Node over `ws`, for `createApp({ websocket })`; `serve()`
 * attaches it to the server. Unlike `@hono/node-ws`, a refused handshake gets
 * the whole response (status, headers such as `WWW-Authenticate`, and the JSON
 * body), and a handshake that does not become a socket keeps nothing.
 *
 * @example
 * ```ts
 * import { WebSocketServer } from 'ws'
 * import { nodeWebSocket, serve } from '@sluice/core/node'
 *
 * const app = createApp({
 *   routes: [chat],
 *   websocket: (app) => nodeWebSocket(app, new WebSocketServer({ noServer: true })),
 * })
 * await serve(app)
 * ```
 */
export function nodeWebSocket(app: FetchingApp, wss: NodeWebSocketServer): WebSocketAdapter {
  /** The events of each request the app agreed to upgrade, until the upgrade listener takes them. */
  const accepted = new WeakMap<IncomingMessage, WSEvents>()
  return {
    wss,
    upgradeWebSocket: defineWebSocketHelper((c, events) => {
      const env = c.env as NodeEnv | undefined
      // Only the upgrade listener below can upgrade; a plain request answers 500 ("Failed to upgrade").
      if (!env?.incoming || env.outgoing !== undefined) return
      accepted.set(env.incoming, events)
      // Never sent: the listener switches protocols instead.
      return new Response(null)
    }),
    injectWebSocket(server: Server) {
      server.on('upgrade', (request, socket, head) => {
        upgrade(app, wss, accepted, request, socket, head).catch(() => socket.destroy())
      })
    },
  }
}

/** Asks the app about an upgrade request, then switches protocols or writes its answer. */
async function upgrade(
  app: FetchingApp,
  wss: NodeWebSocketServer,
  accepted: WeakMap<IncomingMessage, WSEvents>,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  // Node stops listening to the socket's errors once it hands it over; a reset would throw.
  socket.on('error', () => {})
  const response = await app.fetch(toRequest(request), { incoming: request, outgoing: undefined })
  const events = accepted.get(request)
  accepted.delete(request)
  if (!events) return writeResponse(socket, response)
  let opened = false
  wss.handleUpgrade(request, socket, head, (ws) => {
    opened = true
    listen(ws, events, request)
  })
  // ws refused it after all (it answered or dropped the socket): end the connection's life.
  if (!opened) events.onClose?.(closeEvent(1006), NEVER_OPENED)
}

/** The context of a socket that never opened. */
const NEVER_OPENED = new WSContext({ send() {}, close() {}, readyState: 3 })

/** The Fetch request of a raw one: its method, URL and headers (an upgrade has no body). */
function toRequest(request: IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const each of value) headers.append(name, each)
    else if (value !== undefined) headers.set(name, value)
  }
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`)
  return new Request(url, { method: request.method ?? 'GET', headers })
}

/** Headers Node would set itself, and which this hand-written response sets once. */
const FRAMING = new Set(['connection', 'content-length', 'transfer-encoding'])

/** Writes the app's answer to a refused upgrade as an HTTP/1.1 response, then closes. */
async function writeResponse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer())
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`]
  response.headers.forEach((value, name) => {
    if (!FRAMING.has(name)) lines.push(`${name}: ${value}`)
  })
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '')
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]))
}

/** Hands the socket's life to the route's events, as Hono's adapters do. */
function listen(ws: NodeWebSocket, events: WSEvents, request: IncomingMessage): void {
  const context = new WSContext({
    raw: ws,
    url: toRequest(request).url,
    protocol: ws.protocol || null,
    get readyState() {
      return ws.readyState
    },
    send: (data, options) => ws.send(data, { compress: options.compress ?? false }),
    close: (code, reason) => ws.close(code, reason),
  })
  events.onOpen?.(new Event('open'), context)
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? new Uint8Array(data).buffer : data.toString('utf8')
    events.onMessage?.(new MessageEvent('message', { data: message }), context)
  })
  ws.on('close', (code, reason) => events.onClose?.(closeEvent(code, String(reason)), context))
  // ws closes the connection after an error, with a code that says why: close does the rest.
  ws.on('error', () => events.onError?.(new Event('error'), context))
}

/** A `CloseEvent`, which Node 20 does not have. */
function closeEvent(code: number, reason = ''): CloseEvent {
  return Object.assign(new Event('close'), { code, reason, wasClean: code !== 1006 }) as CloseEvent
}
