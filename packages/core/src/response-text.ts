/**
 * The text of each JSON answer {@link render} made, kept beside the `Response`
 * so that middleware needing the body's bytes (`httpCaching`'s ETag) reads the
 * string rather than the body stream: reading a `Response` back costs far more
 * than the hash itself, on Node most of all (undici's stream machinery).
 */
const texts = new WeakMap<Response, string>()

/** Notes that `response`'s body is exactly `text` (UTF-8); returns `response`. */
export function withBodyText(response: Response, text: string): Response {
  texts.set(response, text)
  return response
}

/**
 * The body of `response` as {@link withBodyText} noted it, or `undefined` when it
 * was not noted (another middleware's answer, or one rebuilt since).
 *
 * @example
 * ```ts
 * const text = bodyText(c.res)
 * if (text !== undefined) c.res.headers.set('etag', `"${await sha1Hex(text)}"`)
 * ```
 */
export function bodyText(response: Response): string | undefined {
  return texts.get(response)
}
