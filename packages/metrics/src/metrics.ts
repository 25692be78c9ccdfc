import { methodLabel } from '@sluice/core'
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import { workerScrape } from './cluster'
import { type JobMetrics, jobMetrics } from './jobs'

/** Options of {@link prometheusMetrics}. */
export interface MetricsOptions {
  /** Where the series are registered. Default: a registry of their own. */
  readonly registry?: Registry
  /**
   * Upper bounds, in seconds, of the request duration histogram's buckets.
   * Default: OpenTelemetry's for `http.server.request.duration`, 5 ms to 10 s.
   */
  readonly buckets?: readonly number[]
  /**
   * Also report the process: resident memory, heap, CPU, event-loop lag, GC,
   * open handles (prom-client's default metrics). Default `true`.
   */
  readonly processMetrics?: boolean
  /**
   * How many WebSockets are open now, read at each scrape: on Node with `ws`,
   * `() => webSocketServer.clients.size`.
   */
  readonly openWebSockets?: () => number
  /**
   * The name of the rate limit that refused a request answered 429, read only
   * for those: `rateLimitedBy` from `@sluice/rate-limit`.
   */
  readonly rateLimitedBy?: (c: Context) => string | undefined
  /**
   * In a `node:cluster` worker, answer each scrape with every worker's series,
   * added up by the primary, which must call {@link aggregateWorkerMetrics}.
   * Default `true` in a cluster worker (ignored elsewhere).
   */
  readonly cluster?: boolean
}

/** What {@link prometheusMetrics} gives: the middleware that measures and the scrape's answer. */
export interface PrometheusMetrics {
  /** The registry the series live in, for an app's own metrics. */
  readonly registry: Registry
  /** Measures every request; give it first in `createApp({ middleware })`. */
  readonly middleware: MiddlewareHandler
  /** Answers a scrape: every series in the Prometheus text format. */
  readonly serve: (c: Context) => Promise<Response>
  /** Counts jobs by name and outcome: give it to `@sluice/jobs`'s `jobQueue({ observers: [metrics.jobs] })`. */
  readonly jobs: JobMetrics
}

/** The `route` label of a request no route answered (404, 405, a redirect, a CORS preflight). */
export const UNMATCHED_ROUTE = 'none'

/** OpenTelemetry's recommended buckets for HTTP server durations, in seconds. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

const EVENT_STREAM = 'text/event-stream'

/**
 * Prometheus metrics for a Sluice (or any Hono) app, on Node, through prom-client:
 *
 * - `http_requests_total` and `http_request_duration_seconds` (a histogram),
 *   labelled by `method` (`_OTHER` for a method HTTP does not define), `route` — the route's template (`/todos/:id`), never the
 *   raw path, and `none` for a request no route answered, so unknown paths add
 *   no series — and `status`;
 * - `http_requests_in_flight`;
 * - `sluice_open_connections{kind="websocket"|"event_stream"}`;
 * - `sluice_rate_limit_rejections_total{limit}`;
 * - `sluice_jobs_enqueued_total{job}`, `sluice_jobs_total{job,outcome}` and
 *   `sluice_job_duration_seconds{job,outcome}`, for the jobs of a queue given `jobs` as observer;
 * - the process's memory, CPU and event-loop lag (`process_resident_memory_bytes`,
 *   `nodejs_eventloop_lag_p99_seconds` …), unless `processMetrics: false`.
 *
 * A request's duration runs until its response is handed to the server (its
 * headers, for a stream). With `WORKERS=N` (`node:cluster`), each scrape answers
 * for every worker: see {@link aggregateWorkerMetrics}.
 *
 * @example
 * ```ts
 * import { prometheusMetrics } from '@sluice/metrics'
 * import { rateLimitedBy } from '@sluice/rate-limit'
 *
 * const metrics = prometheusMetrics({ rateLimitedBy })
 * const app = createApp({ middleware: [metrics.middleware], routes })
 * app.get('/metrics', metrics.serve)
 * ```
 */
export function prometheusMetrics(options: MetricsOptions = {}): PrometheusMetrics {
  const registry = options.registry ?? new Registry()
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry })
  const series = requestSeries(registry, options.buckets ?? DEFAULT_BUCKETS)
  const connections = openConnections(registry, options.openWebSockets)
  const rejections = new Counter({
    name: 'sluice_rate_limit_rejections_total',
    help: 'Requests refused by a rate limit, by the limit that refused them.',
    labelNames: ['limit'],
    registers: [registry],
  })
  const { rateLimitedBy } = options
  const scrape =
    ((options.cluster ?? true) ? workerScrape(registry) : undefined) ?? (() => registry.metrics())

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now()
    series.inFlight.inc()
    try {
      await next()
    } finally {
      series.inFlight.dec()
    }
    const status = c.res.status
    series.answered(
      methodLabel(c.req.method),
      answeringRoute(c),
      status,
      (performance.now() - started) / 1e3,
    )
    if (status === 429 && rateLimitedBy) {
      const limit = rateLimitedBy(c)
      if (limit !== undefined) rejections.inc({ limit })
    }
    if (status === 200 && c.res.headers.get('content-type')?.startsWith(EVENT_STREAM)) {
      c.res = whileOpen(c.res, connections.eventStreams)
    }
  }

  return {
    registry,
    middleware,
    serve: async (c) => c.body(await scrape(), 200, { 'content-type': registry.contentType }),
    jobs: jobMetrics(registry),
  }
}

/** The request series: counted and timed by method, route template and status. */
function requestSeries(registry: Registry, buckets: readonly number[]) {
  const labelNames = ['method', 'route', 'status'] as const
  const total = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, in seconds, by method, route template and status.',
    labelNames,
    buckets: [...buckets],
    registers: [registry],
  })
  const inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being answered now.',
    registers: [registry],
  })
  const answered = (method: string, route: string, status: number, seconds: number) => {
    const labels = { method, route, status: String(status) }
    total.inc(labels)
    duration.observe(labels, seconds)
  }
  return { inFlight, answered }
}

/**
 * The template of the route whose handler answered, or {@link UNMATCHED_ROUTE}
 * when none did: then the answer came from middleware or the not-found handler,
 * registered for every method (`ALL`).
 */
function answeringRoute(c: Context): string {
  const answered = matchedRoutes(c)[c.req.routeIndex]
  return answered && answered.method !== 'ALL' ? answered.path : UNMATCHED_ROUTE
}

/** `sluice_open_connections`: event streams counted as they open and end, WebSockets read at each scrape. */
function openConnections(registry: Registry, openWebSockets: (() => number) | undefined) {
  const gauge = new Gauge({
    name: 'sluice_open_connections',
    help: 'Connections open now, by kind: websocket, event_stream.',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      if (openWebSockets) this.set({ kind: 'websocket' }, openWebSockets())
    },
  })
  gauge.set({ kind: 'websocket' }, 0)
  const eventStreams = gauge.labels({ kind: 'event_stream' })
  eventStreams.set(0)
  return { eventStreams }
}

/**
 * The same response, its body counted as an open connection until it ends or
 * the client goes away.
 */
function whileOpen(response: Response, gauge: { inc(): void; dec(): void }): Response {
  const source = response.body
  if (!source) return response
  gauge.inc()
  let open = true
  const close = () => {
    if (!open) return
    open = false
    gauge.dec()
  }
  const reader = source.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          close()
          controller.close()
        } else controller.enqueue(value)
      } catch (error) {
        close()
        controller.error(error)
      }
    },
    cancel(reason) {
      close()
      return reader.cancel(reason)
    },
  })
  return new Response(body, response)
}
