import { createApp, route, sseRoute } from '@sluice/core'
import { rateLimit, rateLimitedBy } from '@sluice/rate-limit'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { type MetricsOptions, prometheusMetrics } from './metrics'

interface Sample {
  readonly name: string
  readonly labels: Record<string, string>
  readonly value: number
}

/** Reads the Prometheus text format: one sample per line that is not a comment. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
      if (!match) throw new Error(`not a sample: ${line}`)
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]),
      )
      return { name: match[1]!, labels, value: Number(match[3]) }
    })
}

function instrumentedApp(options: MetricsOptions = {}) {
  let entered = () => {}
  const started = new Promise<void>((resolve) => {
    entered = resolve
  })
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const slow = route.get('/slow', {}, async () => {
    entered()
    await released
    return { done: true }
  })
  const limited = rateLimit({ name: 'tries', points: 1, duration: 60 })
  const metrics = prometheusMetrics({ processMetrics: false, ...options })
  const app = createApp({
    middleware: [metrics.middleware],
    routes: [
      route.get('/todos/:id', { params: v.object({ id: v.number() }) }, ({ params }) => params),
      route.get('/fails', {}, () => {
        throw new Error('boom')
      }),
      route.post('/tries', { dependencies: [limited] }, () => ({ ok: true })),
      sseRoute('/events', { events: { tick: v.number() } }, async ({ stream }) => {
        await stream.send('tick', 1)
        await stream.closed
      }),
      slow,
    ],
    logger: { error: () => {} },
  })
  app.get('/metrics', metrics.serve)
  const scrape = async () => parse(await (await app.request('/metrics')).text())
  return { app, scrape, started, release }
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )
const sampleValue = (samples: Sample[], name: string, labels: Record<string, string> = {}) => {
  const [sample, ...more] = find(samples, name, labels)
  if (!sample || more.length) throw new Error(`not one ${name} ${JSON.stringify(labels)}`)
  return sample.value
}

describe('prometheusMetrics', () => {
  it('answers a scrape in the Prometheus text format', async () => {
    const { app } = instrumentedApp()
    const res = await app.request('/metrics')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(await res.text()).toContain('# TYPE http_request_duration_seconds histogram')
  })

  it('counts and times requests by method, route template and status, never the raw path', async () => {
    const { app, scrape } = instrumentedApp()
    for (const id of [1, 2, 3]) expect((await app.request(`/todos/${id}`)).status).toBe(200)
    expect((await app.request('/todos/x')).status).toBe(422)
    expect((await app.request('/fails')).status).toBe(500)

    const samples = await scrape()
    const ok = { method: 'GET', route: '/todos/:id', status: '200' }
    expect(sampleValue(samples, 'http_requests_total', ok)).toBe(3)
    expect(sampleValue(samples, 'http_requests_total', { ...ok, status: '422' })).toBe(1)
    expect(sampleValue(samples, 'http_requests_total', { route: '/fails', status: '500' })).toBe(1)
    expect(sampleValue(samples, 'http_request_duration_seconds_count', ok)).toBe(3)
    expect(
      sampleValue(samples, 'http_request_duration_seconds_bucket', { ...ok, le: '+Inf' }),
    ).toBe(3)
    expect(find(samples, 'http_request_duration_seconds_bucket', ok)).toHaveLength(15)
    const routes = new Set(find(samples, 'http_requests_total').map((s) => s.labels.route))
    expect([...routes].every((r) => r === 'none' || !/\/\d|\/x$/.test(r!))).toBe(true)
  })

  it('gives every request no route answered one fixed label, so random paths add no series', async () => {
    const { app, scrape } = instrumentedApp()
    expect((await app.request(`/${crypto.randomUUID()}`)).status).toBe(404)
    const before = await scrape()
    expect((await app.request(`/${crypto.randomUUID()}/x`)).status).toBe(404)
    expect((await app.request('/todos/1', { method: 'DELETE' })).status).toBe(405)
    expect((await app.request(`/${crypto.randomUUID()}`, { method: 'BREW' })).status).toBe(404)
    const after = await scrape()

    expect(sampleValue(after, 'http_requests_total', { method: '_OTHER', route: 'none' })).toBe(1)
    const notFound = { method: 'GET', route: 'none', status: '404' }
    expect(sampleValue(before, 'http_requests_total', notFound)).toBe(1)
    expect(sampleValue(after, 'http_requests_total', notFound)).toBe(2)
    expect(sampleValue(after, 'http_requests_total', { method: 'DELETE', route: 'none' })).toBe(1)
    // Only the 405's series, the unknown method's and the first scrape's own are new.
    const series = (samples: Sample[]) => find(samples, 'http_requests_total').length
    expect(series(after) - series(before)).toBe(3)
  })

  it('reports the requests in flight', async () => {
    const { app, scrape, started, release } = instrumentedApp()
    const pending = app.request('/slow')
    await started
    // The scrape is in flight too, while it is answered.
    expect(sampleValue(await scrape(), 'http_requests_in_flight')).toBe(2)
    release()
    expect((await pending).status).toBe(200)
    expect(sampleValue(await scrape(), 'http_requests_in_flight')).toBe(1)
  })

  it('counts event streams while they are open, and the WebSockets it is told of', async () => {
    let sockets = 3
    const { app, scrape } = instrumentedApp({ openWebSockets: () => sockets })
    const open = (samples: Sample[], kind: string) =>
      sampleValue(samples, 'sluice_open_connections', { kind })
    expect(open(await scrape(), 'event_stream')).toBe(0)

    const res = await app.request('/events')
    const reader = res.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: tick')
    const during = await scrape()
    expect([open(during, 'event_stream'), open(during, 'websocket')]).toEqual([1, 3])

    await reader.cancel()
    sockets = 0
    const after = await scrape()
    expect([open(after, 'event_stream'), open(after, 'websocket')]).toEqual([0, 0])
  })

  it('counts rate-limit rejections by the limit that refused them', async () => {
    const { app, scrape } = instrumentedApp({ rateLimitedBy })
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push((await app.request('/tries', { method: 'POST' })).status)
    expect(statuses).toEqual([200, 429, 429])
    expect(
      sampleValue(await scrape(), 'sluice_rate_limit_rejections_total', { limit: 'tries' }),
    ).toBe(2)
  })

  it('reports the process: memory and event-loop lag', async () => {
    const { app } = instrumentedApp({ processMetrics: true })
    const samples = parse(await (await app.request('/metrics')).text())
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(1e6)
    expect(sampleValue(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1e5)
    expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
  })
})
