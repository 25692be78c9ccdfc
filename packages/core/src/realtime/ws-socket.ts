import type { WSContext } from 'hono/ws'
import * as v from 'valibot'
import { ResponseValidationError } from '../errors'
import type { AnySchema } from '../types'
import { toValidationIssues } from '../validation/issues'

/** The default send buffer of a WebSocket or an event stream. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024

/**
 * One open WebSocket connection as a `websocketRoute` handler sees it: `send()` takes
 * only what the route's `outgoing` schema accepts, validates it, drops
 * undeclared fields and sends it as JSON.
 *
 * @example
 * ```ts
 * websocketRoute('/chat', { outgoing: ChatEvent }, ({ socket }) => {
 *   socket.send({ type: 'welcome', text: 'hi' })
 *   socket.onClose(() => console.log('bye', socket.id))
 * })
 * ```
 */
export interface Socket<Out = unknown> {
  /** A random id, unique per connection: a key for presence and logs. */
  readonly id: string
  /** The subprotocol agreed in the handshake (`Sec-WebSocket-Protocol`), if any. */
  readonly protocol: string | null
  /** Hono's context of the socket, for what Sluice does not wrap. */
  readonly raw: WSContext
  /** Whether the connection is still open. */
  readonly open: boolean
  /**
   * Validates `message` against `outgoing` and sends it as JSON; throws if it
   * does not match. Does nothing once closed; a client that reads so slowly
   * that over the route's `maxBufferedBytes` wait is closed with 1013 instead.
   */
  send(message: Out): void
  /** Sends text already serialized (and validated) by the caller, e.g. a room broadcast. */
  sendText(text: string): void
  close(code?: number, reason?: string): void
  /** Runs `listener` once the connection has closed, however it closed. */
  onClose(listener: () => void): void
}

const OPEN = 1

/**
 * Serializes messages for one `outgoing` schema, validating and filtering them
 * the way HTTP responses are: a mismatch is a bug in the server.
 *
 * @example
 * ```ts
 * const serialize = messageSerializer(ChatEvent, 'WS /chat')
 * serialize({ type: 'said', text: 'hi' }) // '{"type":"said","text":"hi"}'
 * ```
 */
export function messageSerializer(
  schema: AnySchema | undefined,
  name: string,
): (message: unknown) => string {
  if (!schema) return (message) => JSON.stringify(message)
  return (message) => {
    const result = v.safeParse(schema, message)
    if (!result.success)
      throw new ResponseValidationError(name, toValidationIssues('body', result.issues))
    return JSON.stringify(result.output)
  }
}

/** How much a {@link TypedSocket} may buffer for a slow client, and what happens past it. */
export interface SendBuffer {
  readonly maxBufferedBytes: number
  /** Called once the bytes waiting to be sent exceed `maxBufferedBytes`. */
  readonly onOverflow: () => void
}

/**
 * The bytes queued on a runtime's socket and not yet sent: `bufferedAmount` on
 * Node's `ws` and Deno, `getBufferedAmount()` on Bun; 0 where the runtime does
 * not tell (Workers, which bound it themselves).
 */
function bufferedBytes(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0
  const socket = raw as { bufferedAmount?: unknown; getBufferedAmount?: () => number }
  if (typeof socket.bufferedAmount === 'number') return socket.bufferedAmount
  return typeof socket.getBufferedAmount === 'function' ? socket.getBufferedAmount() : 0
}

/** The {@link Socket} over Hono's `WSContext`. */
export class TypedSocket<Out> implements Socket<Out> {
  readonly id = crypto.randomUUID()
  readonly raw: WSContext
  readonly #serialize: (message: unknown) => string
  readonly #buffer: SendBuffer | undefined
  readonly #closeListeners: (() => void)[] = []
  #closed = false

  constructor(raw: WSContext, serialize: (message: unknown) => string, buffer?: SendBuffer) {
    this.raw = raw
    this.#serialize = serialize
    this.#buffer = buffer
  }

  get protocol(): string | null {
    return this.raw.protocol
  }

  get open(): boolean {
    return !this.#closed && this.raw.readyState === OPEN
  }

  send(message: Out): void {
    this.sendText(this.#serialize(message))
  }

  sendText(text: string): void {
    if (!this.open) return
    this.raw.send(text)
    const buffer = this.#buffer
    if (buffer && bufferedBytes(this.raw.raw) > buffer.maxBufferedBytes) buffer.onOverflow()
  }

  close(code?: number, reason?: string): void {
    this.raw.close(code, reason)
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener()
    else this.#closeListeners.push(listener)
  }

  /** Called by the route once the connection has closed: runs every close listener once. */
  closed(report: (error: unknown) => void): void {
    if (this.#closed) return
    this.#closed = true
    for (const listener of this.#closeListeners.splice(0)) {
      try {
        listener()
      } catch (error) {
        report(error)
      }
    }
  }
}
