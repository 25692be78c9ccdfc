import { createHash } from 'node:crypto'

/**
 * The SHA-1 of `data` (bytes, or a string as UTF-8) in hex, on Node, Bun and Deno (`#digest` there; see `digest.ts`):
 * `node:crypto` hashes synchronously, without WebCrypto's trip through a thread pool.
 *
 * @example
 * ```ts
 * sha1Hex(new TextEncoder().encode('{}')) // 'bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f'
 * ```
 */
export function sha1Hex(data: Uint8Array<ArrayBuffer> | string): string {
  // A string is hashed as its UTF-8 bytes, as it is sent.
  return createHash('sha1').update(data).digest('hex')
}
