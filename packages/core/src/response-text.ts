import type { Context } from 'hono'

/**
 * The text of the JSON answers {@link render} made for requests that asked for it,
 * kept beside the `Response` so that middleware needing the body's bytes
 * (`httpCaching`'s ETag) reads the string rather than the body stream: reading a
 * `Response` back costs far more than the hash itself, on Node most of all
 * (undici's stream machinery). Only on request: a WeakMap entry per answer costs
 * every other route about 0.4 µs.
 */
const texts = new WeakMap<Response, string>()
const keeping = new WeakSet<Context>()

/**
 * Asks that the text of the JSON answer made for this request be kept (see
 * {@link bodyText}); middleware calls it before `next()`.
 */
export function keepBodyText(c: Context): void {
  keeping.add(c)
}

/** Notes that `response`'s body is exactly `text` (UTF-8), if this request asked; returns `response`. */
export function withBodyText(c: Context, response: Response, text: string): Response {
  if (keeping.has(c)) texts.set(response, text)
  return response
}

/**
 * The body of `response` as {@link withBodyText} noted it, or `undefined` when it
 * was not noted (not asked for, another middleware's answer, or one rebuilt since).
 *
 * @example
 * ```ts
 * keepBodyText(c)
 * await next()
 * const text = bodyText(c.res)
 * if (text !== undefined) c.res.headers.set('etag', `"${await sha1Hex(text)}"`)
 * ```
 */
export function bodyText(response: Response): string | undefined {
  return texts.get(response)
}
