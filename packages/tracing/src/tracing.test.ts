import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { createApp, depends, HTTPException, route, sseRoute } from '@sluice/core'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { tracing } from './tracing'

/**
 * What happened during a test's request, in the order it happened: spans starting and ending,
 * the database connecting. An order is exact where two clock readings are not (a span's start
 * is a whole millisecond, its end is not).
 */
const timeline: string[] = []

/** Writes each span's start and end into the timeline, as the tracer reports them. */
const timelineRecorder: SpanProcessor = {
  onStart: (span: Span) => void timeline.push(`start ${span.name}`),
  onEnd: (span: ReadableSpan) => void timeline.push(`end ${span.name}`),
  forceFlush: async () => {},
  shutdown: async () => {},
}

/** A database that takes its time to connect (a turn of the event loop), as the dependency a trace should point at. */
const slowDatabase = depends(
  async () => {
    await new Promise(setImmediate)
    timeline.push('database connected')
    return { find: (id: number) => ({ id, title: 'Milk' }) }
  },
  { name: 'slowDatabase' },
)
const currentUser = depends(
  { headers: v.object({ authorization: v.optional(v.string()) }) },
  ({ headers }) => {
    if (headers.authorization !== 'Bearer ann') throw new HTTPException(401, 'Not authenticated')
    return { name: 'ann' }
  },
  { name: 'currentUser' },
)

const getTodo = route.get(
  '/todos/:id',
  { params: v.object({ id: v.number() }), deps: { user: currentUser, db: slowDatabase } },
  ({ params, db }) => db.find(params.id),
)
const failing = route.get('/fails', {}, () => {
  throw new Error('boom')
})
const plain = route.get('/plain', {}, () => ({ ok: true }))
const events = sseRoute(
  '/events',
  { deps: { user: currentUser }, events: { tick: v.number() } },
  async ({ stream }) => {
    await stream.send('tick', 1)
  },
)

function tracedApp() {
  const exporter = new InMemorySpanExporter()
  timeline.length = 0
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter), timelineRecorder],
  })
  const app = createApp({
    middleware: [tracing({ tracerProvider })],
    routes: [getTodo, failing, plain, events],
    logger: { error: () => {} },
  })
  return { app, spans: () => exporter.getFinishedSpans() }
}

const named = (spans: ReadableSpan[], name: string) => {
  const span = spans.find((s) => s.name === name)
  if (!span) throw new Error(`no span ${name} in ${spans.map((s) => s.name).join(', ')}`)
  return span
}
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId
const idOf = (span: ReadableSpan) => span.spanContext().spanId

describe('tracing', () => {
  afterEach(() => trace.disable())

  it('names the server span by the route template, with a child per dependency and one for the handler', async () => {
    const { app, spans } = tracedApp()
    const res = await app.request('/todos/7', {
      headers: { authorization: 'Bearer ann', 'user-agent': 'test' },
    })
    expect(res.status).toBe(200)

    const all = spans()
    expect(all.map((s) => s.name).sort()).toEqual([
      'GET /todos/:id',
      'dependency currentUser',
      'dependency slowDatabase',
      'handler GET /todos/:id',
    ])
    const server = named(all, 'GET /todos/:id')
    expect(server.kind).toBe(SpanKind.SERVER)
    expect(parentOf(server)).toBeUndefined()
    expect(server.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/todos/:id',
      'url.path': '/todos/7',
      'url.scheme': 'http',
      'user_agent.original': 'test',
      'http.response.status_code': 200,
    })
    for (const child of all.filter((s) => s !== server)) {
      expect(parentOf(child)).toBe(idOf(server))
      expect(child.spanContext().traceId).toBe(server.spanContext().traceId)
    }
    const db = named(all, 'dependency slowDatabase')
    expect(db.attributes['sluice.dependency']).toBe('slowDatabase')
    // The slow dependency's span covers its wait, and it ended before the handler began.
    expect(timeline).toEqual([
      'start GET /todos/:id',
      'start dependency currentUser',
      'end dependency currentUser',
      'start dependency slowDatabase',
      'database connected',
      'end dependency slowDatabase',
      'start handler GET /todos/:id',
      'end handler GET /todos/:id',
      'end GET /todos/:id',
    ])
  })

  it('records an exception a dependency raises; a 401 is an answer, not an error', async () => {
    const { app, spans } = tracedApp()
    expect((await app.request('/todos/7')).status).toBe(401)

    const all = spans()
    expect(all.map((s) => s.name).sort()).toEqual(['GET /todos/:id', 'dependency currentUser'])
    const user = named(all, 'dependency currentUser')
    expect(user.events.map((e) => e.name)).toEqual(['exception'])
    expect(user.status.code).toBe(SpanStatusCode.UNSET)
    const server = named(all, 'GET /todos/:id')
    expect(server.attributes['http.response.status_code']).toBe(401)
    expect(server.status.code).toBe(SpanStatusCode.UNSET)
  })

  it('marks a handler that throws, and its 500, as errors', async () => {
    const { app, spans } = tracedApp()
    expect((await app.request('/fails')).status).toBe(500)

    const handler = named(spans(), 'handler GET /fails')
    expect(handler.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' })
    const server = named(spans(), 'GET /fails')
    expect(server.status.code).toBe(SpanStatusCode.ERROR)
    expect(server.attributes['error.type']).toBe('500')
  })

  it('shows the dependencies of an event stream under its span', async () => {
    const { app, spans } = tracedApp()
    const res = await app.request('/events', { headers: { authorization: 'Bearer ann' } })
    expect(await res.text()).toContain('event: tick')

    const server = named(spans(), 'GET /events')
    expect(parentOf(named(spans(), 'dependency currentUser'))).toBe(idOf(server))
  })

  it('names a request no route took by its method alone', async () => {
    const { app, spans } = tracedApp()
    expect((await app.request(`/nowhere/${crypto.randomUUID()}`)).status).toBe(404)

    const [server, ...others] = spans()
    expect(others).toEqual([])
    expect(server?.name).toBe('GET')
    expect(server?.attributes['http.route']).toBeUndefined()
    expect(server?.attributes['http.response.status_code']).toBe(404)
  })

  it('names a method HTTP does not define _OTHER, keeping what was sent', async () => {
    const { app, spans } = tracedApp()
    expect((await app.request('/plain', { method: 'BREW' })).status).toBe(405)

    const [server] = spans()
    expect(server?.name).toBe('HTTP')
    expect(server?.attributes['http.request.method']).toBe('_OTHER')
    expect(server?.attributes['http.request.method_original']).toBe('BREW')
  })

  it('continues the trace a traceparent header names, when a propagator is registered', async () => {
    const { W3CTraceContextPropagator } = await import('@opentelemetry/core')
    const { propagation } = await import('@opentelemetry/api')
    propagation.setGlobalPropagator(new W3CTraceContextPropagator())
    try {
      const { app, spans } = tracedApp()
      const traceId = '0af7651916cd43dd8448eb211c80319c'
      await app.request('/plain', {
        headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      })
      const server = named(spans(), 'GET /plain')
      expect(server.spanContext().traceId).toBe(traceId)
      expect(parentOf(server)).toBe('b7ad6b7169203331')
    } finally {
      propagation.disable()
    }
  })

  it('records nothing until a provider is registered, then uses the registered one', async () => {
    const app = createApp({ middleware: [tracing()], routes: [plain] })
    expect((await app.request('/plain')).status).toBe(200)

    const exporter = new InMemorySpanExporter()
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    )
    await app.request('/plain')
    expect(
      exporter
        .getFinishedSpans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['GET /plain', 'handler GET /plain'])

    trace.disable()
    await app.request('/plain')
    expect(exporter.getFinishedSpans()).toHaveLength(2)
  })
})
