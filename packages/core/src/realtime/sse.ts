import type { Context } from 'hono'
import { type SSEStreamingApi, streamSSE } from 'hono/streaming'
import type * as v from 'valibot'
import type { Dependency } from '../depends'
import { afterResponse, failRequest, RequestScope } from '../request-scope'
import { prepareHandlerArgs } from '../resolve'
import {
  type AppRuntime,
  type CheckDeps,
  type CheckParams,
  type CheckReserved,
  type ClientInput,
  compile,
  type HandlerArgs,
  type MountedRoute,
  type OperationDocs,
  type RequestInputs,
  type Route,
} from '../route'
import type { AnySchema, Simplify } from '../types'
import { atDeadline, takeDeadline, withDeadline } from './deadline'
import { DEFAULT_MAX_BUFFERED_BYTES, messageSerializer } from './ws-socket'

/** The events a server-sent events route may send: a data schema per event name. */
export type SSEEvents = Readonly<Record<string, AnySchema>>

/**
 * What a server-sent events route declares. Inputs and dependencies are
 * validated and resolved before the stream starts (a failure answers with the
 * usual error response); dependencies are cleaned up when the stream ends.
 */
export interface SSEDefinition extends RequestInputs, OperationDocs {
  /** Every event the route sends, by name, with the schema of its JSON data. */
  readonly events: SSEEvents
  /** Milliseconds between keep-alive comments, which keep proxies from closing an idle stream; `false` for none. Default 15 000. */
  readonly keepAlive?: number | false
  /** The reconnection delay (ms) sent to the client at the start of the stream. */
  readonly retry?: number
  /**
   * How many bytes may wait to be sent to a client that reads too slowly (or
   * not at all); past it the stream is dropped, with what waited. Default 1 MiB.
   */
  readonly maxBufferedBytes?: number
  /**
   * A dependency giving the moment the stream must end, e.g. its access
   * token's expiry (a `Date` or epoch milliseconds; `undefined` for none).
   * Resolved with the route's other dependencies.
   */
  readonly until?: Dependency<Date | number | undefined>
}

/**
 * An open event stream, typed by the route's `events`.
 *
 * @example
 * ```ts
 * await stream.send('created', todo, { id: String(todo.version) })
 * ```
 */
export interface EventStream<E extends SSEEvents> {
  /**
   * Validates `data` against the event's schema and sends it as JSON; `id` is
   * what `Last-Event-ID` resumes from. Resolves once the client's connection
   * has taken it; does nothing once the stream has ended, or been dropped for
   * reading so slowly that over `maxBufferedBytes` waited.
   */
  send<K extends keyof E & string>(
    event: K,
    data: v.InferInput<E[K]>,
    options?: { readonly id?: string },
  ): Promise<void>
  /** Resolves when the client has gone away. */
  readonly closed: Promise<void>
  /** Aborted when the client has gone away: hand it to whatever you wait on. */
  readonly signal: AbortSignal
}

/** What a server-sent events handler receives: inputs, dependencies, `stream`, and `lastEventId` to resume from. */
export type SSEArgs<D> = Simplify<
  HandlerArgs<D> & {
    stream: EventStream<D extends { readonly events: infer E extends SSEEvents } ? E : SSEEvents>
    /** The `Last-Event-ID` header a reconnecting client sends: the id of the last event it received. */
    lastEventId: string | undefined
  }
>

/** A server-sent events handler: the stream ends when the returned promise settles. */
export type SSEHandler<D> = (args: SSEArgs<D>) => Promise<void>

/** The Hono schema of a server-sent events route. */
export type SSESchema<P extends string, D> = {
  [K in P]: { $get: { input: ClientInput<D>; output: string; outputFormat: 'text'; status: 200 } }
}

const DEFAULT_KEEP_ALIVE = 15_000

/**
 * Defines a server-sent events route over `hono/streaming`:
 * inputs and dependencies are validated and resolved before the stream starts,
 * events are typed and validated by `events`, a reconnecting client's
 * `Last-Event-ID` arrives as `lastEventId`, keep-alive comments are sent while
 * the stream is idle, and dependencies are cleaned up when it ends.
 *
 * @example
 * ```ts
 * const todoEvents = sseRoute('/todos/events', {
 *   deps: { user: currentUser },
 *   events: { created: TodoPublic, deleted: v.object({ id: v.number() }) },
 * }, async ({ user, stream, lastEventId }) => {
 *   for (const change of changesSince(user.id, lastEventId))
 *     await stream.send(change.kind, change.data, { id: change.id })
 *   const stop = subscribe(user.id, (change) => stream.send(change.kind, change.data, { id: change.id }))
 *   await stream.closed
 *   stop()
 * })
 * ```
 */
export function sseRoute<const P extends string, const D extends SSEDefinition>(
  path: P,
  definition: D & CheckParams<P, D> & CheckDeps<D> & CheckReserved<D, 'stream' | 'lastEventId'>,
  handler: SSEHandler<D>,
): Route<'get', P, SSESchema<P, D>> {
  const names = Object.keys(definition.events)
  const declared = {
    ...definition,
    deps: withDeadline(definition.deps, definition.until),
    responses: {
      200: {
        description: `A stream of server-sent events (\`text/event-stream\`): ${names.map((name) => `\`${name}\``).join(', ')}. Each event's data is JSON; a reconnecting client sends \`Last-Event-ID\` to resume after the last event it received.`,
      },
    },
  }
  const serializers = new Map(
    names.map((name) => [
      name,
      messageSerializer(definition.events[name], `SSE ${path} event ${name}`),
    ]),
  )
  return {
    kind: 'route',
    method: 'get',
    path,
    definition: declared,
    handler,
    compiled: compile(path, declared),
    messages: { 'x-sse-events': definition.events },
    serve: (c, mounted, runtime) =>
      serveEvents(c, mounted, runtime, {
        serializers,
        keepAlive: definition.keepAlive ?? DEFAULT_KEEP_ALIVE,
        retry: definition.retry,
        maxBufferedBytes: definition.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
      }),
  }
}

/** The media type of an event stream, with its charset, as FastAPI sends it. */
const EVENT_STREAM = 'text/event-stream; charset=utf-8'

interface Compiled {
  readonly serializers: ReadonlyMap<string, (data: unknown) => string>
  readonly keepAlive: number | false
  readonly retry: number | undefined
  readonly maxBufferedBytes: number
}

async function serveEvents(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  compiled: Compiled,
): Promise<Response> {
  const scope = new RequestScope()
  let args: Record<string, unknown>
  try {
    args = await prepareHandlerArgs(c, mounted, runtime, scope)
  } catch (error) {
    return failRequest(c, scope, runtime, error)
  }
  const deadline = takeDeadline(args)
  const response = streamSSE(c, async (sse) => {
    const write = boundedWriter(sse, compiled.maxBufferedBytes, () => {
      runtime.errors.logger.error(
        `Event stream ${mounted.path}: dropped, over ${compiled.maxBufferedBytes} bytes waited to be sent`,
        undefined,
      )
      dropConnection(c)
    })
    const stream = eventStream(sse, write, compiled)
    const stopKeepAlive = keepAlive(sse, write, compiled.keepAlive)
    // Aborting ends the stream: the handler sees `closed`, and the response ends.
    const cancelDeadline = atDeadline(deadline, () => sse.abort())
    try {
      if (compiled.retry !== undefined) await write(`retry: ${compiled.retry}\n\n`)
      await mounted.route.handler({ ...args, stream, lastEventId: c.req.header('last-event-id') })
    } catch (error) {
      scope.failure = { error }
      runtime.errors.logger.error(`Error in event stream ${mounted.path}`, error)
    } finally {
      cancelDeadline()
      stopKeepAlive()
      afterResponse(c, scope, runtime)
    }
  })
  // Starlette names the charset; Hono's streamSSE does not.
  response.headers.set('content-type', EVENT_STREAM)
  return response
}

type Write = (text: string) => Promise<void>

const encoder = new TextEncoder()

/**
 * Writes to the stream, counting the bytes the client has not taken yet (the
 * response stream only takes more once the socket drains). Past `maxBytes`
 * the stream is aborted, which drops what waited, and `onOverflow` runs once.
 */
function boundedWriter(sse: SSEStreamingApi, maxBytes: number, onOverflow: () => void): Write {
  let waiting = 0
  return async (text) => {
    if (sse.aborted || sse.closed) return
    const bytes = encoder.encode(text)
    waiting += bytes.byteLength
    if (waiting > maxBytes) {
      sse.abort()
      onOverflow()
      return
    }
    await sse.write(bytes)
    waiting -= bytes.byteLength
  }
}

/**
 * On Node, destroys the response: a client that stopped reading would
 * otherwise hold its connection (HTTP/1) or stream (HTTP/2) open. Elsewhere
 * aborting the stream is all there is.
 */
function dropConnection(c: Context): void {
  const env = c.env as { outgoing?: { destroy?(): void } } | undefined
  env?.outgoing?.destroy?.()
}

/** One event in the text format: JSON data never spans lines, so it is a single `data:` line. */
function eventText(event: string, data: string, id: string | undefined): string {
  if (id === undefined) return `event: ${event}\ndata: ${data}\n\n`
  if (/[\r\n]/.test(id)) throw new TypeError('An event id must not contain "\\r" or "\\n"')
  return `event: ${event}\ndata: ${data}\nid: ${id}\n\n`
}

function eventStream(
  sse: SSEStreamingApi,
  write: Write,
  compiled: Compiled,
): EventStream<SSEEvents> {
  const controller = new AbortController()
  const closed = new Promise<void>((resolve) => {
    controller.signal.addEventListener('abort', () => resolve(), { once: true })
  })
  sse.onAbort(() => controller.abort())
  return {
    async send(event, data, options) {
      const serialize = compiled.serializers.get(event)
      if (!serialize) throw new TypeError(`Event "${event}" is not declared in events`)
      if (sse.aborted) return
      await write(eventText(event, serialize(data), options?.id))
    },
    closed,
    signal: controller.signal,
  }
}

/** Writes an SSE comment every `interval` ms, which clients ignore and proxies see as traffic. */
function keepAlive(sse: SSEStreamingApi, write: Write, interval: number | false): () => void {
  if (!interval) return () => {}
  const timer = setInterval(() => {
    if (!sse.aborted && !sse.closed) write(': keep-alive\n\n').catch(() => {})
  }, interval)
  return () => clearInterval(timer)
}
