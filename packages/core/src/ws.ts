import type { Context } from 'hono'
import type { StatusCode } from 'hono/utils/http-status'
import type { WSContext, WSEvents, WSMessageReceive } from 'hono/ws'
import * as v from 'valibot'
import { errorResponse, HTTPException, type ValidationIssue } from './errors'
import { errorToResponse } from './exception-handlers'
import { toValidationIssues } from './issues'
import {
  type AppRuntime,
  afterResponse,
  type MountedRoute,
  prepareHandlerArgs,
  RequestScope,
} from './request'
import {
  type CheckDeps,
  type CheckParams,
  type ClientInput,
  compile,
  type HandlerArgs,
  type OperationDocs,
  type RequestInputs,
  type Route,
} from './route'
import type { AnySchema, MaybePromise, Simplify } from './types'
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
    description: definition.description ? `${definition.description}\n\n${HANDSHAKE}` : HANDSHAKE,
    status: 101 as const,
    responses: { 101: { description: 'Switching Protocols: the WebSocket is open' } },
  }
  const serialize = messageSerializer(definition.outgoing, `WS ${path}`)
  const parse = messageParser(definition.incoming)
  const heartbeat = definition.heartbeat ?? DEFAULT_HEARTBEAT
  return {
    kind: 'route',
    method: 'get',
    path,
    definition: declared,
    handler,
    compiled: compile(path, declared),
    messages: { 'x-websocket': messageSchemas(definition) },
    serve: (c, mounted, runtime) =>
      serveWebSocket(c, mounted, runtime, { serialize, parse, heartbeat }),
  }
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
}

type Parsed = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] }

/** Parses a message as JSON and validates it, with issues located under `message`. */
function messageParser(schema: AnySchema | undefined): (data: WSMessageReceive) => Parsed {
  return (data) => {
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
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
    return errorResponse(runtime.errors.format, 426, 'Upgrade Required', { upgrade: 'websocket' })
  }
  const scope = new RequestScope()
  let args: Record<string, unknown>
  try {
    args = await prepareHandlerArgs(c, mounted, runtime, scope)
  } catch (error) {
    scope.failure = { error }
    afterResponse(c, scope, runtime)
    return errorToResponse(error, c, runtime.errors)
  }
  const connection = new Connection(c, mounted, runtime, compiled, args, scope)
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
  #socket: TypedSocket<unknown> | undefined
  #listeners: SocketListeners<unknown> | undefined
  #heartbeat = { alive() {}, stop() {} }
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
  ) {
    this.#c = c
    this.#mounted = mounted
    this.#runtime = runtime
    this.#compiled = compiled
    this.#args = args
    this.#scope = scope
  }

  readonly events: WSEvents = {
    onOpen: (_event, ws) => this.#open(ws),
    onMessage: (event, ws) => this.#message(event.data, ws),
    onClose: (event) => this.#close(event.code, event.reason),
    // An error is followed by close, which cleans up.
    onError: () => {},
  }

  #open(ws: WSContext): void {
    const socket = new TypedSocket<unknown>(ws, this.#compiled.serialize)
    this.#socket = socket
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
    if (!parsed.ok) {
      ws.send(errorFrame(422, parsed.issues))
      return
    }
    this.#enqueue(() => this.#listeners?.onMessage?.(parsed.value))
  }

  #close(code: number, reason: string): void {
    this.#heartbeat.stop()
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
      socket.raw.send(errorFrame(error.status, error.detail))
      return
    }
    this.#report(error)
    socket?.close(1011, 'Internal Error')
  }

  readonly #report = (error: unknown): void => {
    this.#runtime.errors.logger.error(`Error in WebSocket ${this.#mounted.path}`, error)
  }
}
