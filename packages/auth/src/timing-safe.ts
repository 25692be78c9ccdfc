/**
 * Compares two byte strings in time that depends only on their lengths, never
 * on where they first differ. Lengths are not secret here (derived keys and
 * digests have fixed sizes), so different lengths return `false` at once.
 *
 * @example
 * ```ts
 * const expected = await sha256(storedKey)
 * timingSafeEqual(await sha256(presentedKey), expected)
 * ```
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  let difference = 0
  for (let i = 0; i < a.byteLength; i++) difference |= a[i]! ^ b[i]!
  return difference === 0
}
