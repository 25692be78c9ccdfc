import type { Context } from 'hono'

/**
 * Where a runtime adapter puts, in a request's `env`, a reader of the body's
 * bytes that is cheaper than `arrayBuffer()`: on Node, `serve()` reads the
 * body as it arrives without the copy @hono/node-server's `arrayBuffer()`
 * makes into a fresh `ArrayBuffer`. The reader answers `undefined` when it
 * cannot serve this request (the body was read, or `c.req.raw` replaced, by
 * middleware), and the standard way is taken.
 */
export const BODY_BYTES_READER: unique symbol = Symbol.for('sluice.bodyBytesReader') as never

/** What a runtime adapter puts under {@link BODY_BYTES_READER}. */
export type BodyBytesReader = (c: Context) => Promise<Uint8Array> | undefined

/**
 * The request body's bytes, read once.
 *
 * @example
 * ```ts
 * const text = new TextDecoder().decode(await bodyBytes(c))
 * ```
 */
export function bodyBytes(c: Context): Promise<Uint8Array | ArrayBuffer> {
  const env = c.env as { [BODY_BYTES_READER]?: BodyBytesReader } | undefined
  return env?.[BODY_BYTES_READER]?.(c) ?? c.req.arrayBuffer()
}
