import {
  type Attributes,
  context,
  type Context as OtelContext,
  ProxyTracerProvider,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api'
import {
  HTTPException,
  methodLabel,
  OTHER_METHOD,
  type RequestTrace,
  traceRequest,
} from '@sluice/core'
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'

/** Options of {@link tracing}. */
export interface TracingOptions {
  /**
   * Where spans go. Default: the provider registered globally
   * (`trace.setGlobalTracerProvider`, or an SDK's `register()`), looked up on
   * each request, so one registered after the app was built is used too.
   */
  readonly tracerProvider?: TracerProvider
}

const INSTRUMENTATION = '@sluice/tracing'

/**
 * OpenTelemetry tracing for a Sluice app, as Hono middleware: a server span per
 * request, named by its route template (`GET /todos/:id`, or `GET` for a request
 * no route took) with the HTTP semantic attributes, and under it a span for each
 * dependency resolved (`dependency currentUser`) and one for the handler
 * (`handler GET /todos/:id`), so a slow dependency shows by name. A parent trace
 * in the request's headers (W3C `traceparent`) is continued when a propagator is
 * registered.
 *
 * Nothing is recorded, and nothing allocated, until a tracer provider is
 * registered: each request then only looks the provider up. No exporter comes
 * with it: register an SDK with the exporter you use (see docs/deployment.md).
 * Give it first in `createApp({ middleware })`, so the span covers the others.
 *
 * @example
 * ```ts
 * import { tracing } from '@sluice/tracing'
 *
 * const app = createApp({ middleware: [tracing(), cors()], routes })
 * ```
 */
export function tracing(options: TracingOptions = {}): MiddlewareHandler {
  const tracers = new TracerSource(options.tracerProvider)
  return (c, next) => {
    const tracer = tracers.current()
    return tracer ? traced(tracer, c, next) : next()
  }
}

/** The API's provider before any is registered: a no-op the proxy delegates to. */
const NO_PROVIDER = new ProxyTracerProvider().getDelegate()

/** The tracer to record with, or `undefined` while no provider is registered; kept while the provider is. */
export class TracerSource {
  #provider: TracerProvider | undefined
  #tracer: Tracer | undefined

  constructor(
    private readonly given: TracerProvider | undefined,
    private readonly name = INSTRUMENTATION,
  ) {}

  current(): Tracer | undefined {
    const provider = this.given ?? registeredProvider()
    if (provider !== this.#provider) {
      this.#provider = provider
      this.#tracer = provider === NO_PROVIDER ? undefined : provider.getTracer(this.name)
    }
    return this.#tracer
  }
}

/**
 * The globally registered provider. The API always hands out a proxy, whose
 * tracers stay no-ops until a provider is registered behind it; looking behind
 * the proxy is the only way it offers to tell, without starting a span.
 */
function registeredProvider(): TracerProvider {
  const global = trace.getTracerProvider()
  return global instanceof ProxyTracerProvider ? global.getDelegate() : global
}

async function traced(tracer: Tracer, c: Context, next: () => Promise<void>): Promise<void> {
  const method = methodLabel(c.req.method)
  const route = routeTemplate(c)
  const parent = propagation.extract(context.active(), c.req.raw.headers, headerGetter)
  const span = tracer.startSpan(
    spanName(method, route),
    { kind: SpanKind.SERVER, attributes: requestAttributes(c, method, route) },
    parent,
  )
  const active = trace.setSpan(parent, span)
  traceRequest(c, new RequestSpans(tracer, active))
  try {
    await context.with(active, next)
    const status = c.res.status
    span.setAttribute('http.response.status_code', status)
    if (status >= 500) {
      span.setAttribute('error.type', String(status))
      span.setStatus({ code: SpanStatusCode.ERROR })
    }
  } catch (error) {
    failed(span, error)
    throw error
  } finally {
    span.end()
  }
}

/**
 * The template of the route that will answer: the first matched handler, as
 * Hono runs them in order (middleware is registered for every method, `ALL`).
 */
function routeTemplate(c: Context): string | undefined {
  for (const matched of matchedRoutes(c)) if (matched.method !== 'ALL') return matched.path
  return undefined
}

/** `{method} {route}`, as the HTTP conventions name a server span; `HTTP` stands for a method they do not know. */
function spanName(method: string, route: string | undefined): string {
  const verb = method === OTHER_METHOD ? 'HTTP' : method
  return route === undefined ? verb : `${verb} ${route}`
}

/** The stable HTTP server attributes known before the response. */
function requestAttributes(c: Context, method: string, route: string | undefined): Attributes {
  const attributes: Attributes = {
    'http.request.method': method,
    'url.path': c.req.path,
    'url.scheme': c.req.url.startsWith('https:') ? 'https' : 'http',
  }
  if (method === OTHER_METHOD) attributes['http.request.method_original'] = c.req.method
  if (route !== undefined) attributes['http.route'] = route
  const agent = c.req.header('user-agent')
  if (agent !== undefined) attributes['user_agent.original'] = agent
  return attributes
}

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
}

/** One request's spans for its dependencies and handler, children of its server span. */
class RequestSpans implements RequestTrace {
  constructor(
    private readonly tracer: Tracer,
    private readonly parent: OtelContext,
  ) {}

  dependency(name: string, work: () => unknown): unknown {
    return this.run(`dependency ${name}`, { 'sluice.dependency': name }, work)
  }

  handler(route: string, work: () => unknown): unknown {
    return this.run(`handler ${route}`, {}, work)
  }

  /** Runs `work` as the active span, so spans it starts (a database driver's) are its children. */
  private run(name: string, attributes: Attributes, work: () => unknown): unknown {
    const span = this.tracer.startSpan(name, { attributes }, this.parent)
    let result: unknown
    try {
      result = context.with(trace.setSpan(this.parent, span), work)
    } catch (error) {
      failed(span, error)
      span.end()
      throw error
    }
    if (!isThenable(result)) {
      span.end()
      return result
    }
    return Promise.resolve(result).then(
      (value) => {
        span.end()
        return value
      },
      (error: unknown) => {
        failed(span, error)
        span.end()
        throw error
      },
    )
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}

/**
 * Records the error on the span. An `HTTPException` under 500 (a 401, a 404, a
 * 429) is an answer, not a failure: recorded, but the span's status stays unset.
 */
function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error))
  if (error instanceof HTTPException && error.status < 500) return
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  })
}
