import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/**
 * Answers a body over `maxSize` bytes with `tooLarge()`. A declared
 * Content-Length is checked without touching the body, so the runtime keeps
 * its fast path for reading it (on Node, opening `request.body` as a web
 * stream costs more than the rest of the request); only a body of unknown
 * length is counted while it arrives, by Hono's `bodyLimit`.
 *
 * @example
 * ```ts
 * app.post('/upload', limitBody(1024 * 1024, () => new Response(null, { status: 413 })), handler)
 * ```
 */
export function limitBody(maxSize: number, tooLarge: () => Response): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError: tooLarge })
  return async (c, next) => {
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined)
      return counting(c, next)
    if (Number(length) > maxSize) return tooLarge()
    await next()
  }
}
