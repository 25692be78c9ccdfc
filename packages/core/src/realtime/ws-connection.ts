import type { Context } from 'hono'
import type { WSContext, WSEvents, WSMessageReceive } from 'hono/ws'
import { HTTPException } from '../errors'
import { afterResponse, type RequestScope } from '../request-scope'
import type { AppRuntime, MountedRoute } from '../route'
import { atDeadline } from './deadline'
import type { OpenConnection } from './ws-adapter'
import { type HeartbeatOptions, startHeartbeat } from './ws-heartbeat'
import type { Parsed } from './ws-message'
import { TypedSocket } from './ws-socket'

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
 * What a WebSocket handler may return: listeners for the connection's messages
 * (parsed and validated against `incoming`, delivered one at a time in order) and its close.
 */
export interface SocketListeners<In> {
  onMessage?(message: In): unknown
  onClose?(event: { code: number; reason: string }): unknown
}

/** What a WebSocket route fixes once, when it is defined, for each of its connections. */
export interface CompiledSocket {
  readonly serialize: (message: unknown) => string
  readonly parse: (data: WSMessageReceive) => Parsed
  readonly heartbeat: HeartbeatOptions | false
  readonly maxMessageBytes: number
  readonly maxBufferedBytes: number
}

function errorFrame(status: number, detail: unknown): string {
  const frame: WebSocketErrorFrame = { type: 'error', status, detail }
  return JSON.stringify(frame)
}

/**
 * One connection's life: opens the handler, feeds it messages in order, and
 * on close (however it happens) stops the heartbeat, tells the handler, and
 * runs the dependencies' cleanups and background tasks.
 */
export class Connection implements OpenConnection {
  readonly #c: Context
  readonly #mounted: MountedRoute
  readonly #runtime: AppRuntime
  readonly #compiled: CompiledSocket
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
    compiled: CompiledSocket,
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
