/**
 * The SHA-1 of `data` (bytes, or a string as UTF-8) in hex, as Hono's `etag` names a body: through WebCrypto,
 * where only it exists (Workers, browsers). `@sluice/core` imports this module as
 * `#digest`; on Node, Bun and Deno its package.json maps that name to
 * `digest.node.ts`, whose synchronous hash costs a small part of WebCrypto's
 * per-call price there (an ETag on every answer of a route pays it each time).
 *
 * @example
 * ```ts
 * await sha1Hex(new TextEncoder().encode('{}')) // 'bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f'
 * ```
 */
export async function sha1Hex(data: Uint8Array<ArrayBuffer> | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
