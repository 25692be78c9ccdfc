/** The methods HTTP defines (RFC 9110, and PATCH). */
const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
])

/** What telemetry calls a method HTTP does not define, as OpenTelemetry's conventions do. */
export const OTHER_METHOD = '_OTHER'

/**
 * A request's method as metrics and traces label it: one HTTP defines, else
 * {@link OTHER_METHOD}. A client can send any token as its method; each would
 * otherwise be a series (or a span name) of its own.
 *
 * @example
 * ```ts
 * methodLabel('GET') // 'GET'
 * methodLabel('BREW') // '_OTHER'
 * ```
 */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : OTHER_METHOD
}
