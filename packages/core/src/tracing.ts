import type { Context } from 'hono'

/**
 * What the request path tells a tracer about one request: it runs each
 * dependency's factory and the handler through it, so each can show as a span
 * of its own under the request's. Each method runs `work` and returns what it
 * returns; when that is a promise (or any thenable), the span should end when
 * it settles, and a promise settling the same way may be returned in its place.
 * `@sluice/tracing` implements it over OpenTelemetry; the core knows nothing of
 * OpenTelemetry.
 *
 * @example
 * ```ts
 * // in a middleware, before `next()`:
 * const timed = (name: string, work: () => unknown) => {
 *   const started = performance.now()
 *   try {
 *     return work()
 *   } finally {
 *     console.log(name, performance.now() - started) // synchronous part only
 *   }
 * }
 * traceRequest(c, { dependency: timed, handler: timed })
 * ```
 */
export interface RequestTrace {
  /** Runs a dependency's factory; `name` is the dependency's name (`depends(…, { name })`). */
  dependency(name: string, work: () => unknown): unknown
  /** Runs the route's handler; `route` is its method and path template, e.g. `GET /todos/:id`. */
  handler(route: string, work: () => unknown): unknown
}

/** Keyed by the request's context: nothing is allocated for a request no tracer follows. */
const traces = new WeakMap<Context, RequestTrace>()

/**
 * Has the request path report the request's dependencies and handler to `trace`:
 * called by tracing middleware before the route runs.
 */
export function traceRequest(c: Context, trace: RequestTrace): void {
  traces.set(c, trace)
}

/** The request's trace, when a tracer follows it. */
export function requestTrace(c: Context): RequestTrace | undefined {
  return traces.get(c)
}
