import type { Context, MiddlewareHandler } from 'hono'
import { RETAINED_304_HEADERS } from 'hono/etag'
import { sha1Hex } from '#digest'
import { bodyText, keepBodyText } from '../response-text'

/**
 * How a route's answers may be cached and revalidated: its `httpCache`, made by
 * {@link httpCache}.
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
 *   httpCache: httpCache({ cacheControl: 'private, no-cache', vary: ['Authorization'], lastModified: true }),
 * }, ({ params, user, response }) => {
 *   const todo = findTodo(user.id, params.id)
 *   response.headers.set('last-modified', new Date(todo.updated_at).toUTCString())
 *   return todo
 * })
 * ```
 */
export interface HttpCacheOptions {
  /** `Cache-Control` of every answer, e.g. `'private, no-cache'` or `'public, max-age=60'`. */
  readonly cacheControl?: string
  /** The request headers an answer depends on, sent as `Vary`, e.g. `['Authorization']`. */
  readonly vary?: readonly string[]
  /** The handler sets `Last-Modified`: documents the header (the 304 on `If-Modified-Since` works either way). */
  readonly lastModified?: boolean
}

/** A route's {@link HttpCacheOptions} with the middleware that carries them out. */
export interface HttpCache extends HttpCacheOptions {
  readonly middleware: MiddlewareHandler
}

/**
 * A route's `httpCache`. A function rather than plain options so that the code behind
 * them is bundled only into apps that use it (a Worker's bundle counts every KiB).
 */
export function httpCache(options: HttpCacheOptions): HttpCache {
  return { ...options, middleware: httpCaching(options) }
}

/** What a 304 keeps of the 200 it stands for: Hono's list (RFC 9110 §15.4.5), and `Last-Modified` for caches that revalidate by date. */
const RETAINED = [...RETAINED_304_HEADERS, 'last-modified']

/**
 * The middleware that does what {@link HttpCacheOptions} declare, for plain Hono routes. `Cache-Control` and `Vary`
 * go on every answer of the route, errors included, so a shared cache never keeps
 * one user's 404 for another; a 200 to a GET or HEAD gets its `ETag` and may become a 304.
 * Hono's `etag` middleware gives the same ETags and 304s (its weak comparison and the
 * headers its 304 keeps are followed here), but reads a copy of the body's stream and
 * hashes it through WebCrypto: on Node that cost about 250 µs of CPU per 3.5 KB answer,
 * against about 70 µs here; it also knows nothing of `If-Modified-Since`.
 *
 * @example
 * ```ts
 * app.get('/report', httpCaching({ cacheControl: 'no-cache' }), (c) => c.json(report()))
 * ```
 */
export function httpCaching(options: HttpCacheOptions): MiddlewareHandler {
  return async (c, next) => {
    keepBodyText(c)
    await next()
    const answer = c.res
    declare(answer.headers, options)
    if (answer.status !== 200 || !isSafe(c)) return
    let tag = answer.headers.get('etag')
    // A route's JSON answer comes with its text: hashed as it is, the answer is sent untouched.
    const text = tag ? undefined : bodyText(answer)
    let bytes: Uint8Array<ArrayBuffer> | undefined
    if (text !== undefined) tag = `"${await sha1Hex(text)}"`
    else if (!tag && answer.body) {
      // Read once, hashed by `node:crypto` where there is one (`#digest`); the bytes read are sent.
      bytes = new Uint8Array(await answer.arrayBuffer())
      tag = `"${await sha1Hex(bytes)}"`
    }
    if (!modified(c, tag, answer.headers.get('last-modified'))) {
      notModified(c, tag)
      return
    }
    if (text !== undefined && tag) answer.headers.set('etag', tag)
    else if (bytes && tag) {
      c.res = new Response(bytes, answer)
      c.res.headers.set('etag', tag)
    }
  }
}

function declare(headers: Headers, { cacheControl, vary }: HttpCacheOptions): void {
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

/**
 * RFC 9110 §13.2.2 for a GET or HEAD: `If-None-Match`, when sent, decides alone (weak
 * comparison, a list, or `*`); otherwise `If-Modified-Since` no earlier than
 * `Last-Modified` means not modified, and a date that does not parse is ignored.
 */
function modified(c: Context, tag: string | null, lastModified: string | null): boolean {
  const ifNoneMatch = c.req.header('if-none-match')
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return false
    const current = tag?.replace(/^W\//, '')
    return !ifNoneMatch.match(/"[^"]*"/g)?.some((listed) => listed === current)
  }
  const since = Date.parse(c.req.header('if-modified-since') ?? '')
  const modifiedAt = Date.parse(lastModified ?? '')
  return Number.isNaN(since) || Number.isNaN(modifiedAt) || modifiedAt > since
}

/**
 * Answers 304 with no body: Hono's `c.res` setter copies the 200's headers onto it,
 * and only those RFC 9110 §15.4.5 names stay, as in Hono's `etag`.
 */
function notModified(c: Context, tag: string | null): void {
  if (!c.res.bodyUsed) void c.res.body?.cancel()
  c.res = new Response(null, { status: 304 })
  const { headers } = c.res
  for (const name of [...headers.keys()]) if (!RETAINED.includes(name)) headers.delete(name)
  if (tag) headers.set('etag', tag)
}
