import type { Context } from 'hono'
import type { StatusCode } from 'hono/utils/http-status'
import type { WSContext, WSEvents, WSMessageReceive } from 'hono/ws'
import * as v from 'valibot'
import type { Dependency } from '../depends'
import { errorResponse, HTTPException, type ValidationIssue } from '../errors'
import {
  type AppRuntime,
  afterResponse,
  failRequest,
  type MountedRoute,
  prepareHandlerArgs,
  RequestScope,
} from '../request'
import {
  type CheckDeps,
  type CheckParams,
  type ClientInput,
  compile,
  type HandlerArgs,
  type OperationDocs,
  type RequestInputs,
  type Route,
} from '../route'
import type { AnySchema, MaybePromise, Simplify } from '../types'
import { toValidationIssues } from '../validation/issues'
import type { OpenConnection } from './ws-adapter'
import { type HeartbeatOptions, startHeartbeat } from './ws-heartbeat'
import { messageSerializer, type Socket, TypedSocket } from './ws-socket'

/**
 * What a WebSocket route declares. Params, query, headers, cookies and
 * dependencies are validated and resolved before the upgrade, exactly as for an
 * HTTP route, so a failure answers the handshake with the same status and body.
 */
export interface WebSocketDefinition extends RequestInputs, OperationDocs {
  /** The schema of each message the client sends, as JSON. Default: any JSON value. */
  readonly incoming?: AnySchema
  /** The schema of each message `socket.send()` sends, as JSON. Default: any JSON value. */
  readonly outgoing?: AnySchema
  /** Ping/pong keep-alive, or `false` for none. Default every 30 s. */
  readonly heartbeat?: HeartbeatOptions | false
  /**
   * The largest message (bytes) a client may send; a bigger one closes the
   * connection with 1009 (Message Too Big). Default 64 KiB.
   */
  readonly maxMessageBytes?: number
  /**
   * How many bytes may wait to be sent to a client that reads too slowly (or
   * not at all); past it the connection is closed with 1013 (Try Again Later)
   * and what waited is dropped. Default 1 MiB.
   */
  readonly maxBufferedBytes?: number
  /**
   * A dependency giving the moment the connection must end, e.g. its access
   * token's expiry (a `Date` or epoch milliseconds; `undefined` for none).
   * Then the socket closes with 1008 (Policy Violation), so an expired
   * session stops receiving data. Resolved with the route's other dependencies.
   */
  readonly until?: Dependency<Date | number | undefined>
}

/**
 * The frame a client receives when its message is not valid JSON or does not
 * match `incoming` (status 422, `detail` the issues in FastAPI's shape, located
 * under `message`), or when a message handler throws an `HTTPException` (its
 * status and detail). The connection stays open.
 *
 * @example
 * ```ts
 * const frame: WebSocketErrorFrame = {
 *   type: 'error',
 *   status: 422,
 *   detail: [{ loc: ['message', 'text'], msg: 'Field required', type: 'missing' }],
 * }
 * ```
 */
export interface WebSocketErrorFrame {
  readonly type: 'error'
  /** The HTTP status the same error would answer a request with. */
  readonly status: number
  /** `ValidationIssue[]` for status 422, else the `HTTPException`'s detail. */
  readonly detail: unknown
}

/**
 * A compile-time error when a dependency takes a name the handler's argument
 * already uses (`socket` for WebSocket routes, `stream` and `lastEventId` for SSE).
 */
export type CheckReserved<D, Name extends string> = D extends { readonly deps: infer Deps }
  ? [keyof Deps & Name] extends [never]
    ? unknown
    : { deps: { [K in keyof Deps & Name]: `Error: "${K}" is a reserved argument name` } }
  : unknown

/** What a message of a WebSocket route is, once parsed and validated. */
export type IncomingMessage<D> = D extends { readonly incoming: infer S extends AnySchema }
  ? v.InferOutput<S>
  : unknown

/** What `socket.send()` of a WebSocket route takes. */
export type OutgoingMessage<D> = D extends { readonly outgoing: infer S extends AnySchema }
  ? v.InferInput<S>
  : unknown

/** What a client of a WebSocket route receives: its outgoing messages and error frames. */
export type ServerFrame<D> =
  | (D extends { readonly outgoing: infer S extends AnySchema } ? v.InferOutput<S> : unknown)
  | WebSocketErrorFrame

/** What a WebSocket handler receives: validated inputs, dependencies, `c`, `background`, and the `socket`. */
export type WebSocketArgs<D> = Simplify<HandlerArgs<D> & { socket: Socket<OutgoingMessage<D>> }>

/**
 * What a WebSocket handler may return: listeners for the connection's messages
 * (parsed and validated against `incoming`, delivered one at a time in order) and its close.
 */
export interface SocketListeners<In> {
  onMessage?(message: In): unknown
  onClose?(event: { code: number; reason: string }): unknown
}

/** A WebSocket route's handler, called once the connection is open. */
export type WebSocketHandler<D> = (
  args: WebSocketArgs<D>,
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler may only send, and return nothing
) => MaybePromise<SocketListeners<IncomingMessage<D>> | void>

/** The Hono schema of a WebSocket route, so `hc` offers `$ws()` with typed input. */
export type WebSocketSchema<P extends string, D> = {
  [K in P]: {
    $get: { input: ClientInput<D>; output: {}; outputFormat: 'ws'; status: StatusCode }
  }
}

const DEFAULT_HEARTBEAT: HeartbeatOptions = { interval: 30_000 }
const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024
/** The default send buffer of a WebSocket or an event stream. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024
const HANDSHAKE =
  'A WebSocket endpoint: open it with `GET` and `Upgrade: websocket`. The parameters and ' +
  'credentials below are checked before the upgrade; a failure answers the handshake with the ' +
  'error response listed here. Messages are JSON; an invalid message is answered with ' +
  '`{"type":"error","detail":[…]}` and the connection stays open. Browsers, which cannot set ' +
  '`Authorization` on a WebSocket, pass a token as a query parameter or a `Sec-WebSocket-Protocol` entry.'

/**
 * Defines a WebSocket route (`route.ws`). Params, query, headers, cookies and
 * dependencies (security ones too) are validated and resolved before the
 * upgrade; a failure rejects the handshake with the status and body an HTTP
 * route would give. Once open, the handler gets them with a typed `socket`;
 * each message is parsed as JSON and validated against `incoming` (an invalid
 * one is answered with a {@link WebSocketErrorFrame}), `socket.send()` is typed
 * and validated by `outgoing`, and dependency cleanup runs when the socket closes.
 * Needs `createApp({ websocket })`.
 *
 * @example
 * ```ts
 * const chat = route.ws('/rooms/:room', {
 *   params: v.object({ room: v.string() }),
 *   deps: { user: currentUser },
 *   incoming: v.object({ text: v.string() }),
 *   outgoing: v.object({ from: v.string(), text: v.string() }),
 * }, ({ params, user, socket }) => {
 *   rooms.join(params.room, socket)
 *   return {
 *     onMessage: ({ text }) => rooms.broadcast(params.room, { from: user.name, text }),
 *   }
 * })
 * ```
 */
export function websocketRoute<const P extends string, const D extends WebSocketDefinition>(
  path: P,
  definition: D & CheckParams<P, D> & CheckDeps<D> & CheckReserved<D, 'socket'>,
  handler: WebSocketHandler<D>,
): Route<'get', P, WebSocketSchema<P, D>> {
  const declared = {
    ...definition,
    deps: withDeadline(definition.deps, definition.until),
    description: definition.description ? `${definition.description}\n\n${HANDSHAKE}` : HANDSHAKE,
    status: 101 as const,
    responses: { 101: { description: 'Switching Protocols: the WebSocket is open' } },
  }
  const maxMessageBytes = definition.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES
  const compiled: Compiled = {
    serialize: messageSerializer(definition.outgoing, `WS ${path}`),
    parse: messageParser(definition.incoming, maxMessageBytes),
    heartbeat: definition.heartbeat ?? DEFAULT_HEARTBEAT,
    maxMessageBytes,
    maxBufferedBytes: definition.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
  }
  return {
    kind: 'route',
    method: 'get',
    path,
    definition: declared,
    handler,
    compiled: compile(path, declared),
    messages: { 'x-websocket': messageSchemas(definition) },
    serve: (c, mounted, runtime) => serveWebSocket(c, mounted, runtime, compiled),
  }
}

/** The `deps` key under which a route's `until` dependency is resolved, out of the handler's sight. */
const DEADLINE = '~until'

/** The route's dependencies, plus its `until` one (if any) under a key no handler argument can take. */
export function withDeadline(
  deps: RequestInputs['deps'],
  until: Dependency<Date | number | undefined> | undefined,
): NonNullable<RequestInputs['deps']> {
  return until ? { ...deps, [DEADLINE]: until } : (deps ?? {})
}

/** Takes the resolved `until` out of the handler's arguments: epoch milliseconds, or `undefined`. */
export function takeDeadline(args: Record<string, unknown>): number | undefined {
  const deadline = args[DEADLINE] as Date | number | undefined
  delete args[DEADLINE]
  return deadline instanceof Date ? deadline.getTime() : deadline
}

/** `setTimeout`'s longest delay; a later deadline is waited for in steps. */
const MAX_DELAY = 2 ** 31 - 1

/**
 * Calls `expire` at `deadline` (epoch ms; at once if it has passed, never if
 * `undefined`); returns the function that cancels it. The timer does not keep
 * the process alive.
 *
 * @example
 * ```ts
 * const cancel = atDeadline(Date.now() + 60_000, () => socket.close(1008, 'Session expired'))
 * ```
 */
export function atDeadline(deadline: number | undefined, expire: () => void): () => void {
  if (deadline === undefined) return () => {}
  let timer: ReturnType<typeof setTimeout>
  const wait = () => {
    const left = deadline - Date.now()
    if (left <= 0) return expire()
    timer = setTimeout(wait, Math.min(left, MAX_DELAY))
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
  }
  wait()
  return () => clearTimeout(timer)
}

/** The declared message schemas, for the OpenAPI document. */
function messageSchemas(definition: WebSocketDefinition): Record<string, AnySchema> {
  const schemas: Record<string, AnySchema> = {}
  if (definition.incoming) schemas.incoming = definition.incoming
  if (definition.outgoing) schemas.outgoing = definition.outgoing
  return schemas
}

interface Compiled {
  readonly serialize: (message: unknown) => string
  readonly parse: (data: WSMessageReceive) => Parsed
  readonly heartbeat: HeartbeatOptions | false
  readonly maxMessageBytes: number
  readonly maxBufferedBytes: number
}

type Parsed =
  | { ok: true; value: unknown }
  | { ok: false; issues: ValidationIssue[] }
  | { ok: false; tooBig: true }

/**
 * Parses a message as JSON and validates it, with issues located under
 * `message`; a message over `maxBytes` is not parsed at all.
 */
function messageParser(
  schema: AnySchema | undefined,
  maxBytes: number,
): (data: WSMessageReceive) => Parsed {
  return (data) => {
    if (exceeds(data, maxBytes)) return { ok: false, tooBig: true }
    let json: unknown
    try {
      json = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as never))
    } catch {
      return {
        ok: false,
        issues: [{ loc: ['message'], msg: 'Invalid JSON', type: 'json_invalid' }],
      }
    }
    if (!schema) return { ok: true, value: json }
    const result = v.safeParse(schema, json)
    if (result.success) return { ok: true, value: result.output }
    const issues = toValidationIssues('body', result.issues).map((issue) => ({
      ...issue,
      loc: ['message', ...issue.loc.slice(1)],
    }))
    return { ok: false, issues }
  }
}

/** Whether a message is over `maxBytes`; a string is measured exactly only when its length leaves a doubt. */
function exceeds(data: WSMessageReceive, maxBytes: number): boolean {
  if (typeof data !== 'string')
    return (data instanceof Blob ? data.size : data.byteLength) > maxBytes
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit, so the length bounds the size both ways.
  if (data.length > maxBytes) return true
  if (data.length * 3 <= maxBytes) return false
  return new TextEncoder().encode(data).byteLength > maxBytes
}

/** A key of 16 random bytes in base64, as RFC 6455 (4.1) requires. */
const HANDSHAKE_KEY = /^[+/0-9A-Za-z]{22}==$/
/** An HTTP token (RFC 9110 5.6.2), what each subprotocol must be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/**
 * Checks the handshake (RFC 6455 4.2.1) before anything is resolved or
 * upgraded, as strictly as Node's `ws` does: a request that cannot become a
 * WebSocket is answered at once, so no adapter waits for an upgrade that will
 * never come (`@hono/node-ws` kept each such request for ever).
 */
function handshakeError(c: Context, runtime: AppRuntime): Response | undefined {
  const format = runtime.errors.format
  if (methodOf(c) !== 'GET') {
    return errorResponse(format, 405, 'Method Not Allowed', { allow: 'GET' })
  }
  const upgrade = c.req.header('upgrade')?.toLowerCase()
  const connection =
    c.req
      .header('connection')
      ?.toLowerCase()
      .split(/\s*,\s*/) ?? []
  if (upgrade !== 'websocket' || !connection.includes('upgrade')) {
    // No `Connection: Upgrade` in the answer: Node would keep the connection open for it.
    return errorResponse(format, 426, 'Upgrade Required', { upgrade: 'websocket' })
  }
  // 400 with the version we speak, as uvicorn answers (RFC 6455 4.2.2 allows any 4xx).
  if (c.req.header('sec-websocket-version') !== '13') {
    return errorResponse(format, 400, 'Unsupported WebSocket version', {
      'sec-websocket-version': '13',
    })
  }
  if (!HANDSHAKE_KEY.test(c.req.header('sec-websocket-key') ?? '')) {
    return errorResponse(format, 400, 'Invalid Sec-WebSocket-Key')
  }
  if (!validProtocols(c.req.header('sec-websocket-protocol'))) {
    return errorResponse(format, 400, 'Invalid Sec-WebSocket-Protocol')
  }
  return undefined
}

/** Whether `Sec-WebSocket-Protocol` is a list of distinct tokens. */
function validProtocols(header: string | undefined): boolean {
  if (header === undefined) return true
  const protocols = header.split(',').map((protocol) => protocol.trim())
  return (
    protocols.every((protocol) => TOKEN.test(protocol)) &&
    new Set(protocols).size === protocols.length
  )
}

/** Node's raw request, where the runtime gives one (`c.env.incoming` on @hono/node-server and @hono/node-ws). */
interface NodeRequest {
  readonly method?: string
  readonly socket?: { readonly readable: boolean; readonly writable: boolean }
}

function nodeRequest(c: Context): NodeRequest | undefined {
  return (c.env as { incoming?: NodeRequest } | undefined)?.incoming
}

/**
 * The request's method as the client sent it: `@hono/node-ws` asks the app
 * with `GET` whatever it was (then `ws` refuses any other with 405), so on
 * Node the raw request tells.
 */
function methodOf(c: Context): string {
  return nodeRequest(c)?.method ?? c.req.method
}

/**
 * Whether the client closed its connection while the dependencies resolved:
 * on Node, `ws` would then drop the upgrade without a word, and
 * `@hono/node-ws` wait for it for ever.
 */
function clientGone(c: Context): boolean {
  const socket = nodeRequest(c)?.socket
  return socket !== undefined && !(socket.readable && socket.writable)
}

async function serveWebSocket(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  compiled: Compiled,
): Promise<Response> {
  const websockets = runtime.websockets
  if (!websockets) {
    throw new Error(`${mounted.path} is a WebSocket route: give createApp() a websocket option`)
  }
  const refused = handshakeError(c, runtime)
  if (refused) return refused
  websockets.allowFrames(compiled.maxMessageBytes)
  const scope = new RequestScope()
  let args: Record<string, unknown>
  try {
    args = await prepareHandlerArgs(c, mounted, runtime, scope)
  } catch (error) {
    return failRequest(c, scope, runtime, error)
  }
  if (clientGone(c)) {
    afterResponse(c, scope, runtime)
    return errorResponse(runtime.errors.format, 400, 'The client closed the connection')
  }
  const deadline = takeDeadline(args)
  const connection = new Connection(c, mounted, runtime, compiled, args, scope, deadline)
  websockets.track(connection)
  return websockets.adapter.upgradeWebSocket(c, connection.events)
}

/**
 * One connection's life: opens the handler, feeds it messages in order, and
 * on close (however it happens) stops the heartbeat, tells the handler, and
 * runs the dependencies' cleanups and background tasks.
 */
function errorFrame(status: number, detail: unknown): string {
  const frame: WebSocketErrorFrame = { type: 'error', status, detail }
  return JSON.stringify(frame)
}

class Connection implements OpenConnection {
  readonly #c: Context
  readonly #mounted: MountedRoute
  readonly #runtime: AppRuntime
  readonly #compiled: Compiled
  readonly #args: Record<string, unknown>
  readonly #scope: RequestScope
  readonly #deadline: number | undefined
  #socket: TypedSocket<unknown> | undefined
  #listeners: SocketListeners<unknown> | undefined
  #heartbeat = { alive() {}, stop() {} }
  #cancelDeadline = () => {}
  /** Every step runs after the previous one, so messages are handled in order and close comes last. */
  #queue: Promise<unknown> = Promise.resolve()
  #finish: () => void = () => {}
  readonly finished = new Promise<void>((resolve) => {
    this.#finish = resolve
  })

  constructor(
    c: Context,
    mounted: MountedRoute,
    runtime: AppRuntime,
    compiled: Compiled,
    args: Record<string, unknown>,
    scope: RequestScope,
    deadline: number | undefined,
  ) {
    this.#c = c
    this.#mounted = mounted
    this.#runtime = runtime
    this.#compiled = compiled
    this.#args = args
    this.#scope = scope
    this.#deadline = deadline
  }

  readonly events: WSEvents = {
    onOpen: (_event, ws) => this.#open(ws),
    onMessage: (event, ws) => this.#message(event.data, ws),
    onClose: (event) => this.#close(event.code, event.reason),
    // An error is followed by close, which cleans up.
    onError: () => {},
  }

  #open(ws: WSContext): void {
    const socket = new TypedSocket<unknown>(ws, this.#compiled.serialize, {
      maxBufferedBytes: this.#compiled.maxBufferedBytes,
      onOverflow: () => this.#overflow(socket),
    })
    this.#socket = socket
    this.#cancelDeadline = atDeadline(this.#deadline, () => socket.close(1008, 'Session expired'))
    if (this.#compiled.heartbeat) {
      this.#heartbeat = startHeartbeat(ws.raw, this.#compiled.heartbeat, () => {
        const raw = ws.raw as { terminate?: () => void }
        if (raw.terminate) raw.terminate()
        else ws.close(1001, 'Heartbeat timeout')
      })
    }
    this.#enqueue(async () => {
      const listeners = await this.#mounted.route.handler({ ...this.#args, socket })
      this.#listeners = listeners ?? undefined
    })
  }

  #message(data: WSMessageReceive, ws: WSContext): void {
    this.#heartbeat.alive()
    const parsed = this.#compiled.parse(data)
    if ('tooBig' in parsed) {
      ws.close(1009, 'Message too big')
      return
    }
    if (!parsed.ok) {
      this.#socket?.sendText(errorFrame(422, parsed.issues))
      return
    }
    this.#enqueue(() => this.#listeners?.onMessage?.(parsed.value))
  }

  #close(code: number, reason: string): void {
    this.#heartbeat.stop()
    this.#cancelDeadline()
    this.#enqueue(() => {
      this.#socket?.closed(this.#report)
      return this.#listeners?.onClose?.({ code, reason })
    })
    this.#queue = this.#queue.finally(() => {
      afterResponse(this.#c, this.#scope, this.#runtime)
      this.#finish()
    })
  }

  close(code: number, reason: string): void {
    if (this.#socket) this.#socket.close(code, reason)
    // Not open yet: the upgrade never completed, so there is nothing to wait for.
    else this.#finish()
  }

  #enqueue(step: () => unknown): void {
    this.#queue = this.#queue.then(step).catch((error) => this.#fail(error))
  }

  /** An `HTTPException` from a handler answers with an error frame; anything else closes with 1011. */
  #fail(error: unknown): void {
    const socket = this.#socket
    if (error instanceof HTTPException && socket) {
      socket.sendText(errorFrame(error.status, error.detail))
      return
    }
    this.#report(error)
    socket?.close(1011, 'Internal Error')
  }

  /** The client reads slower than the server sends: drop it rather than buffer without end. */
  #overflow(socket: TypedSocket<unknown>): void {
    this.#runtime.errors.logger.error(
      `WebSocket ${this.#mounted.path}: closed with 1013, over ${this.#compiled.maxBufferedBytes} bytes waited to be sent`,
      undefined,
    )
    socket.close(1013, 'Send buffer full')
  }

  readonly #report = (error: unknown): void => {
    this.#runtime.errors.logger.error(`Error in WebSocket ${this.#mounted.path}`, error)
  }
}
