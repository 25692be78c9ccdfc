import type { Context, MiddlewareHandler } from 'hono'
import { etag, RETAINED_304_HEADERS } from 'hono/etag'

/**
 * How a route's answers may be cached and revalidated (`httpCache` in its definition).
 *
 * Every answer gets a strong `ETag` (a hash of its body, unless the handler set one
 * through `response.headers`), and a GET or HEAD whose `If-None-Match` names it, or
 * whose `If-Modified-Since` is no earlier than the `Last-Modified` the handler set,
 * is answered `304 Not Modified` with no body (RFC 9110 §13.2.2: `If-None-Match`,
 * when sent, decides alone). The 304 carries the headers a 200 would: `ETag`,
 * `Cache-Control`, `Vary`, `Last-Modified`, `Date`, `Expires`, `Content-Location`.
 *
 * @example
 * ```ts
 * route.get('/todos/:id', {
 *   params: v.object({ id: v.number() }),
 *   deps: { user: currentUser },
 *   response: Todo,
 *   // Per user: shared caches must not keep it, and must ask again each time.
 *   httpCache: { cacheControl: 'private, no-cache', vary: ['Authorization'], lastModified: true },
 * }, ({ params, user, response }) => {
 *   const todo = findTodo(user.id, params.id)
 *   response.headers.set('last-modified', new Date(todo.updated_at).toUTCString())
 *   return todo
 * })
 * ```
 */
export interface HttpCache {
  /** `Cache-Control` of every answer, e.g. `'private, no-cache'` or `'public, max-age=60'`. */
  readonly cacheControl?: string
  /** The request headers an answer depends on, sent as `Vary`, e.g. `['Authorization']`. */
  readonly vary?: readonly string[]
  /** The handler sets `Last-Modified`: documents the header (the 304 on `If-Modified-Since` works either way). */
  readonly lastModified?: boolean
}

/** What a 304 keeps of the 200 it stands for: Hono's list (RFC 9110 §15.4.5), and `Last-Modified` for caches that revalidate by date. */
const RETAINED = [...RETAINED_304_HEADERS, 'last-modified']

/**
 * The middleware that does what {@link HttpCache} declares: Hono's `etag` for the
 * `ETag` and `If-None-Match`, then `If-Modified-Since` when no `If-None-Match` was sent.
 * `Cache-Control` and `Vary` go on every answer of the route, errors included, so a
 * shared cache never keeps one user's 404 for another.
 *
 * @example
 * ```ts
 * app.get('/report', httpCaching({ cacheControl: 'no-cache' }), (c) => c.json(report()))
 * ```
 */
export function httpCaching(options: HttpCache): MiddlewareHandler {
  const validate = etag({ retainedHeaders: RETAINED })
  return async (c, next) => {
    await validate(c, async () => {
      await next()
      declare(c.res.headers, options)
    })
    if (c.res.status === 200 && isSafe(c) && !c.req.header('if-none-match')) notModifiedSince(c)
  }
}

function declare(headers: Headers, { cacheControl, vary }: HttpCache): void {
  if (cacheControl && !headers.has('cache-control')) headers.set('cache-control', cacheControl)
  for (const name of vary ?? []) {
    const current = headers.get('vary')
    if (
      current
        ?.toLowerCase()
        .split(/\s*,\s*/)
        .includes(name.toLowerCase())
    )
      continue
    headers.set('vary', current ? `${current}, ${name}` : name)
  }
}

const isSafe = (c: Context) => c.req.method === 'GET' || c.req.method === 'HEAD'

/** 304 when the answer's `Last-Modified` is no later than `If-Modified-Since`; a date that does not parse is ignored (RFC 9110 §13.1.3). */
function notModifiedSince(c: Context): void {
  const since = Date.parse(c.req.header('if-modified-since') ?? '')
  const modified = Date.parse(c.res.headers.get('last-modified') ?? '')
  if (Number.isNaN(since) || Number.isNaN(modified) || modified > since) return
  void c.res.body?.cancel()
  // Hono's `c.res` setter copies the 200's headers onto the 304; then only the retained stay, as `etag` does.
  c.res = new Response(null, { status: 304 })
  for (const name of [...c.res.headers.keys()])
    if (!RETAINED.includes(name)) c.res.headers.delete(name)
}
