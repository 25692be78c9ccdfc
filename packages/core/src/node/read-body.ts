import type { IncomingMessage } from 'node:http'
import type { createAdaptorServer } from '@hono/node-server'
import type { Context } from 'hono'
import { BODY_BYTES_READER, type BodyBytesReader } from '../body-bytes'

/** node-server's convention for a body already read: its Request's body methods read it from here. */
interface ReadIncoming extends IncomingMessage {
  rawBody?: Buffer
}

/** The Request node-server made for the `IncomingMessage`, before any middleware could replace it. */
const SERVED = Symbol('served request')

/** What @hono/node-server passes as `env`, and what {@link withBodyReader} adds to it. */
interface NodeServerEnv {
  readonly incoming?: ReadIncoming
  [BODY_BYTES_READER]?: BodyBytesReader
  [SERVED]?: Request
}

type Fetch = Parameters<typeof createAdaptorServer>[0]['fetch']

/**
 * Wraps an app's `fetch` for @hono/node-server so the app reads JSON bodies
 * through {@link readIncomingBody} (see `body-bytes.ts`).
 *
 * @example
 * ```ts
 * const server = createAdaptorServer({ fetch: withBodyReader(app.fetch) })
 * ```
 */
export function withBodyReader(fetch: Fetch): Fetch {
  return (request, env) => {
    const bindings = env as NodeServerEnv
    bindings[SERVED] = request
    bindings[BODY_BYTES_READER] = readIncomingBody
    return fetch(request, env)
  }
}

/**
 * Reads the body of a request @hono/node-server is serving straight from the
 * `IncomingMessage`, as a `Buffer` (a `Uint8Array`): its own `arrayBuffer()`
 * copies the bytes into a new `ArrayBuffer`, which costs more than the rest of
 * reading a small JSON body. The bytes are left as `incoming.rawBody`, where
 * node-server's Request finds them, so `c.req.text()`, `.arrayBuffer()` or
 * `.raw.body` afterwards still read the same body.
 *
 * Only while the request is untouched: not when middleware has read the body
 * or replaced `c.req.raw` (Hono's `bodyLimit` counts a body of unknown length
 * through a new Request, which must be the one read). GET and HEAD keep
 * node-server's answer, which is no body.
 */
const readIncomingBody: BodyBytesReader = (c: Context) => {
  const env = c.env as NodeServerEnv
  const incoming = env.incoming
  if (
    !incoming ||
    c.req.raw !== env[SERVED] ||
    c.req.method === 'GET' ||
    c.req.method === 'HEAD' ||
    incoming.readableDidRead ||
    incoming.rawBody !== undefined ||
    hasCachedBody(c)
  ) {
    return undefined
  }
  return readIncoming(incoming)
}

function hasCachedBody(c: Context): boolean {
  for (const _ in c.req.bodyCache) return true
  return false
}

/**
 * Collects the body and leaves it as `incoming.rawBody`; rejects when the client
 * goes away before sending all of it (node-server then aborts the request's
 * signal, which makes it a 499). A body that arrived whole before the connection
 * dropped is still the body, as node-server has it.
 */
function readIncoming(incoming: ReadIncoming): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const onData = (chunk: Buffer) => chunks.push(chunk)
    const onEnd = () => {
      cleanup()
      incoming.rawBody = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
      resolve(incoming.rawBody)
    }
    const onClose = () => {
      if (!incoming.complete) {
        cleanup()
        return reject(incoming.errored ?? new Error('Client connection prematurely closed.'))
      }
      for (let chunk = incoming.read(); chunk !== null; chunk = incoming.read()) chunks.push(chunk)
      onEnd()
    }
    const cleanup = () => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('close', onClose)
    }
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('close', onClose)
  })
}
