import { type CookieOptions, serialize } from 'hono/utils/cookie'
import type { ResponseStatusCode } from './errors'

/** Where a cookie applies, for {@link ResponseDraft.deleteCookie}: the attributes it was set with. */
export type CookieScope = Pick<
  CookieOptions,
  'path' | 'domain' | 'secure' | 'httpOnly' | 'sameSite'
>

/**
 * The status, headers and cookies of the answer a handler's return value becomes
 * (FastAPI's `Response` parameter). One per request, shared by the handler and every
 * dependency, cached ones included, as `response` in their arguments.
 *
 * A returned `Response` is sent as it is, and an error answers without the draft, as
 * in FastAPI; `respond()` chooses its own status, and the draft's headers join it.
 *
 * @example
 * ```ts
 * const session = depends({ cookies: v.object({ sid: v.optional(v.string()) }) }, ({ cookies }, { response }) => {
 *   if (!cookies.sid) response.setCookie('sid', crypto.randomUUID(), { httpOnly: true })
 *   return cookies.sid
 * })
 * route.post('/items', {}, ({ response }) => {
 *   response.status = 201
 *   response.headers.set('x-created-by', 'sluice')
 *   return { ok: true }
 * })
 * ```
 */
export class ResponseDraft {
  /** Replaces the route's status (not one chosen with `respond()`); one that forbids a body sends none. */
  status: ResponseStatusCode | undefined = undefined
  #headers: Headers | undefined

  /** Headers added to the answer; `append` keeps every value. */
  get headers(): Headers {
    this.#headers ??= new Headers()
    return this.#headers
  }

  /**
   * Sets a cookie with FastAPI's `set_cookie` defaults: `Path=/`, `SameSite=Lax`
   * (written by Hono's cookie serializer).
   */
  setCookie(name: string, value = '', options: CookieOptions = {}): void {
    this.headers.append(
      'set-cookie',
      serialize(name, value, { path: '/', sameSite: 'lax', ...options } as CookieOptions),
    )
  }

  /** Expires a cookie at once, as FastAPI's `delete_cookie` does; give the path and domain it was set with. */
  deleteCookie(name: string, options: CookieScope = {}): void {
    this.setCookie(name, '', { ...options, maxAge: 0, expires: new Date(0) })
  }

  /** Adds the headers to a rendered answer. */
  applyHeaders(response: Response): Response {
    if (this.#headers)
      for (const [name, value] of this.#headers) response.headers.append(name, value)
    return response
  }
}
