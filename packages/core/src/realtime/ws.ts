import type { StatusCode } from 'hono/utils/http-status'
import type * as v from 'valibot'
import type { Dependency } from '../depends'
import {
  type CheckDeps,
  type CheckParams,
  type CheckReserved,
  type ClientInput,
  compile,
  type HandlerArgs,
  type OperationDocs,
  type RequestInputs,
  type Route,
} from '../route'
import type { AnySchema, MaybePromise, Simplify } from '../types'
import { withDeadline } from './deadline'
import type { CompiledSocket, SocketListeners, WebSocketErrorFrame } from './ws-connection'
import type { HeartbeatOptions } from './ws-heartbeat'
import { messageParser } from './ws-message'
import { DEFAULT_MAX_BUFFERED_BYTES, messageSerializer, type Socket } from './ws-socket'
import { serveWebSocket } from './ws-upgrade'

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
const HANDSHAKE =
  'A WebSocket endpoint: open it with `GET` and `Upgrade: websocket`. The parameters and ' +
  'credentials below are checked before the upgrade; a failure answers the handshake with the ' +
  'error response listed here. Messages are JSON; an invalid message is answered with ' +
  '`{"type":"error","detail":[…]}` and the connection stays open. Browsers, which cannot set ' +
  '`Authorization` on a WebSocket, pass a token as a query parameter or a `Sec-WebSocket-Protocol` entry.'

/**
 * Defines a WebSocket route (FastAPI's `@app.websocket`). Params, query, headers, cookies and
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
 * const chat = websocketRoute('/rooms/:room', {
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
  const compiled: CompiledSocket = {
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

/** The declared message schemas, for the OpenAPI document. */
function messageSchemas(definition: WebSocketDefinition): Record<string, AnySchema> {
  const schemas: Record<string, AnySchema> = {}
  if (definition.incoming) schemas.incoming = definition.incoming
  if (definition.outgoing) schemas.outgoing = definition.outgoing
  return schemas
}
