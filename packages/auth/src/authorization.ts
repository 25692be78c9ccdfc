import type { Context } from 'hono'

/**
 * The credentials of an `Authorization: <scheme> <credentials>` header whose
 * scheme matches case-insensitively, or `undefined` when the header is missing,
 * names another scheme or carries nothing.
 *
 * @example
 * ```ts
 * authorization(c, 'Bearer') // 'eyJhbGciOi…' for `Authorization: bearer eyJhbGciOi…`
 * ```
 */
export function authorization(c: Context, scheme: string): string | undefined {
  const header = c.req.header('authorization')?.trim()
  if (!header) return undefined
  const space = header.indexOf(' ')
  if (space < 0 || header.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return undefined
  const credentials = header.slice(space + 1).trim()
  return credentials === '' ? undefined : credentials
}
