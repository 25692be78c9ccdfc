import type { Context } from 'hono'
import { accepts } from 'hono/accepts'
import { httpCaching } from '../caching/http-cache'

/** What a reader of a docs page's file may give. */
export type FileContent = string | ArrayBuffer | Uint8Array<ArrayBuffer> | ReadableStream

/** A year, the longest caches keep anything: the version in the URL changes with the file. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** One encoding of the file, ready to send. */
interface Representation {
  readonly body: Uint8Array<ArrayBuffer>
  readonly etag: string
}

interface Prepared {
  readonly identity: Representation
  readonly gzip: Representation
}

/**
 * Serves a file the app reads itself, like Swagger UI's 1.4 MB bundle: read,
 * hashed and gzipped once, on its first request, then sent from memory. A
 * client that accepts gzip gets the gzipped bytes with `Content-Encoding`, so a
 * compression middleware leaves them alone rather than compressing the file
 * again on every request. Each encoding has its own strong `ETag`, and
 * `If-None-Match` answers 304 (through `httpCaching`, as on routes that declare
 * `httpCache`). A file whose URL carries its version (`/docs/swagger-ui-dist@5.35.0/…`)
 * is `immutable`: caches keep it for good; others are checked each time.
 *
 * @example
 * ```ts
 * const bundle = staticFile(() => read('swagger-ui-bundle.js'), 'text/javascript', { immutable: true })
 * app.get('/docs/swagger-ui-dist@5.35.0/swagger-ui-bundle.js', bundle)
 * ```
 */
export function staticFile(
  read: () => Promise<FileContent>,
  contentType: string,
  { immutable }: { readonly immutable: boolean },
): (c: Context) => Promise<Response> {
  let prepared: Promise<Prepared> | undefined
  const caching = httpCaching({
    cacheControl: immutable ? IMMUTABLE : 'no-cache',
    vary: ['Accept-Encoding'],
  })
  const send = async (c: Context) => {
    if (!prepared) {
      prepared = prepare(read)
      // A failed read (the package is missing) is tried again on the next request.
      prepared.catch(() => {
        prepared = undefined
      })
    }
    const { identity, gzip } = await prepared
    const encoding = accepts(c, {
      header: 'Accept-Encoding',
      supports: ['gzip'],
      default: 'identity',
    })
    const chosen = encoding === 'gzip' ? gzip : identity
    c.res = c.body(chosen.body, 200, {
      etag: chosen.etag,
      'content-type': contentType,
      'content-length': String(chosen.body.byteLength),
      ...(encoding === 'gzip' && { 'content-encoding': 'gzip' }),
    })
  }
  return async (c) => {
    await caching(c, () => send(c))
    return c.res
  }
}

async function prepare(read: () => Promise<FileContent>): Promise<Prepared> {
  const body = new Uint8Array(await new Response(await read()).arrayBuffer())
  const zipped = new Uint8Array(
    await new Response(
      new Blob([body]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer(),
  )
  const hash = await digest(body)
  return {
    identity: { body, etag: `"${hash}"` },
    gzip: { body: zipped, etag: `"${hash}-gzip"` },
  }
}

/** The first 16 bytes of the content's SHA-256, in base64url. */
async function digest(body: Uint8Array<ArrayBuffer>): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', body)).subarray(0, 16)
  return btoa(String.fromCharCode(...hash))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}
