import { trace } from '@opentelemetry/api'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestApp, testApp } from './helpers'

describe('tracing', () => {
  const exporter = new InMemorySpanExporter()
  let t: TestApp

  beforeAll(async () => {
    t = await testApp()
  })
  afterAll(async () => {
    trace.disable()
    await t.close()
  })

  it('records nothing until a provider is registered', async () => {
    const { access } = await t.signUp('quiet@example.com')
    expect((await t.json('GET', '/todos', undefined, access)).status).toBe(200)
    expect(exporter.getFinishedSpans()).toEqual([])
  })

  it('shows a read as the route, its dependencies by name and the handler, each a child of the request', async () => {
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    )
    const { access } = await t.signUp('traced@example.com')
    const created = await t.json('POST', '/todos', { title: 'Milk' }, access)
    const { id } = (await created.json()) as { id: number }
    exporter.reset()

    expect((await t.json('GET', `/todos/${id}`, undefined, access)).status).toBe(200)
    const spans = exporter.getFinishedSpans()
    const server = spans.find((span) => span.name === 'GET /todos/:id')
    expect(server?.attributes).toMatchObject({
      'http.route': '/todos/:id',
      'url.path': `/todos/${id}`,
      'http.response.status_code': 200,
    })
    const children = spans.filter((span) => span !== server)
    expect(children.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'dependency OAuth2PasswordBearer',
        'dependency verifiedClaims',
        'handler GET /todos/:id',
      ]),
    )
    const parent = (span: ReadableSpan) => span.parentSpanContext?.spanId
    for (const child of children) expect(parent(child)).toBe(server?.spanContext().spanId)
    // The database is app-scoped: made by an earlier request, so not a span of this one.
    expect(children.some((span) => span.name === 'dependency database')).toBe(false)
  })
})
