import { context, propagation } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import { createApp, route } from '@sluice/core'
import { defineJob, jobQueue, jobs, memoryEngine } from '@sluice/jobs'
import * as v from 'valibot'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { jobTracing } from './jobs'
import { tracing } from './tracing'

// What an SDK registers on Node: a propagator, and a context manager so a handler's awaits keep its span.
beforeAll(() => {
  propagation.setGlobalPropagator(new W3CTraceContextPropagator())
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())
})
afterAll(() => {
  propagation.disable()
  context.disable()
})

test('a job enqueued by a handler is traced from the request through each try', async () => {
  const exporter = new InMemorySpanExporter()
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const welcome = defineJob('welcome', {
    payload: v.object({ email: v.string() }),
    retry: { delay: 1 },
  })

  let finished!: () => void
  const done = new Promise<void>((resolve) => {
    finished = resolve
  })
  // Observers wrap one another, the last outermost: this one sees a try end after the tracing has.
  const second = {
    async attempt(info: { attempt: number }, run: () => Promise<void>) {
      try {
        await run()
      } finally {
        if (info.attempt === 2) finished()
      }
    },
  }
  const queue = jobQueue(memoryEngine(), { observers: [jobTracing({ tracerProvider }), second] })
  await queue.work(welcome, (_, { attempt }) => {
    if (attempt === 1) throw new Error('mail server away')
  })
  const signup = route.post(
    '/signup',
    { body: v.object({ email: v.string() }), deps: { queue: jobs(() => queue) } },
    async ({ body, queue }) => {
      await queue.enqueue(welcome, body)
      return { ok: true }
    },
  )
  const app = createApp({ middleware: [tracing({ tracerProvider })], routes: [signup] })
  const res = await app.request('/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@example.com' }),
  })
  expect(res.status).toBe(200)
  await done
  await app.shutdown()

  const spans = exporter.getFinishedSpans()
  const server = spans.find((span) => span.name === 'POST /signup')!
  const send = spans.find((span) => span.name === 'send welcome')!
  const tries = spans.filter((span) => span.name === 'job welcome')
  expect(send.parentSpanContext?.spanId).toBe(
    spans.find((span) => span.name === 'handler POST /signup')!.spanContext().spanId,
  )
  expect(send.spanContext().traceId).toBe(server.spanContext().traceId)
  expect(tries.map((span) => span.attributes)).toEqual([
    expect.objectContaining({ 'sluice.job.attempt': 1, 'sluice.job.outcome': 'retried' }),
    expect.objectContaining({ 'sluice.job.attempt': 2, 'sluice.job.outcome': 'completed' }),
  ])
  // Each try's span runs from the enqueue (the same instant for both) to the try's end.
  expect(tries[0]!.startTime).toEqual(tries[1]!.startTime)
  for (const span of tries) {
    expect(span.parentSpanContext?.spanId).toBe(send.spanContext().spanId)
    expect(span.events.map((event) => event.name)).toEqual(
      span.attributes['sluice.job.outcome'] === 'retried' ? ['started', 'exception'] : ['started'],
    )
  }
})
