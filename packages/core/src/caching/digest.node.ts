import { createHash } from 'node:crypto'

/**
 * The SHA-1 of `bytes` in hex, on Node, Bun and Deno (`#digest` there; see `digest.ts`):
 * `node:crypto` hashes synchronously, without WebCrypto's trip through a thread pool.
 *
 * @example
 * ```ts
 * sha1Hex(new TextEncoder().encode('{}')) // 'bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f'
 * ```
 */
export function sha1Hex(bytes: Uint8Array<ArrayBuffer>): string {
  return createHash('sha1').update(bytes).digest('hex')
}
