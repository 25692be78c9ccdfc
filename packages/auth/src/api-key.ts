import type { Dependency } from '@sluice/core'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { type Credential, type CredentialOptions, credentialDependency } from './security'

/** Where an API key travels. */
export type ApiKeyLocation = 'header' | 'query' | 'cookie'

/** Options of {@link apiKey}. */
export interface ApiKeyOptions extends CredentialOptions {
  readonly in: ApiKeyLocation
  /** The header, query parameter or cookie name. */
  readonly name: string
}

const SCHEME_NAMES: Record<ApiKeyLocation, string> = {
  header: 'APIKeyHeader',
  query: 'APIKeyQuery',
  cookie: 'APIKeyCookie',
}

/**
 * An API key in a header, query parameter or cookie, FastAPI's `APIKeyHeader`,
 * `APIKeyQuery` and `APIKeyCookie`: answers a missing or empty one with
 * `401 Not authenticated` and `WWW-Authenticate: APIKey`. Compare the key in
 * constant time (hash it and look the hash up, or use {@link timingSafeEqual}).
 *
 * @example
 * ```ts
 * const key = apiKey({ in: 'header', name: 'X-API-Key' })
 * const stats = route.get('/stats', { deps: { key } }, ({ key }) => lookup(key))
 * ```
 */
export function apiKey<const O extends ApiKeyOptions>(
  options: O,
): Dependency<Credential<string, O>, 'request'> {
  const { name } = options
  const read = {
    header: (c: Context) => c.req.header(name),
    query: (c: Context) => c.req.query(name),
    cookie: (c: Context) => getCookie(c, name),
  }[options.in]
  return credentialDependency(
    {
      name: options.schemeName ?? SCHEME_NAMES[options.in],
      scheme: { type: 'apiKey', in: options.in, name },
      challenge: 'APIKey',
      read: (c) => read(c) || undefined,
    },
    options,
  )
}
