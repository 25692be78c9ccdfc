import type { Context, MiddlewareHandler } from 'hono'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX, compress } from 'hono/compress'

/** FastAPI's documented `GZipMiddleware(minimum_size=1000)`. */
const MINIMUM_SIZE = 1000

/**
 * Gzips answers of `minimumSize` bytes or more for clients that accept gzip,
 * with Hono's `compress`, as FastAPI's `GZipMiddleware(minimum_size=1000)`.
 * Event streams are never compressed (Hono's content-type filter leaves
 * `text/event-stream` out), so each event reaches the client when sent.
 * Only gzip: Node 20's CompressionStream has no brotli or zstd, and FastAPI's
 * middleware offers gzip alone.
 *
 * @example
 * ```ts
 * createApp({ middleware: [compression()], routes })
 * ```
 */
export function compression(minimumSize = MINIMUM_SIZE): MiddlewareHandler {
  const gzip = compress({ encoding: 'gzip', threshold: minimumSize })
  return (c, next) => {
    // A client that accepts no encoding gets the answer untouched: `compress` would still copy
    // it to add `Vary`, and a copied answer loses @hono/node-server's fast path for strings.
    if (!c.req.header('accept-encoding')) return next()
    return gzip(c, async () => {
      await next()
      await measure(c)
    })
  }
}

/**
 * Gives a compressible answer its Content-Length. Hono's `compress` honours
 * its threshold only through that header, which JSON answers lack until Node
 * writes them (it would gzip even `{"status":"ok"}`); reading the body is
 * cheap next to compressing it. Event streams and other types are left
 * alone; a streamed answer of a compressible type would be read whole (the
 * todo API sends none).
 */
async function measure(c: Context): Promise<void> {
  const { res } = c
  const type = res.headers.get('content-type')
  if (!res.body || res.headers.has('content-length') || res.headers.has('content-encoding')) return
  if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return
  const body = await res.arrayBuffer()
  const measured = new Response(body, res)
  measured.headers.set('content-length', String(body.byteLength))
  c.res = measured
}
