import type { Dependency } from '@sluice/core'
import { authorization } from './authorization'
import { type Credential, type CredentialOptions, credentialDependency } from './security'

/** Options of {@link oauth2PasswordBearer}. */
export interface OAuth2PasswordBearerOptions extends CredentialOptions {
  /** Where clients post the password form to get a token (used by Swagger UI's Authorize button). */
  readonly tokenUrl: string
  /** Every scope the API knows, with a description, listed in the OpenAPI flow. */
  readonly scopes?: Readonly<Record<string, string>>
  /** Where clients refresh a token, if the API supports it. */
  readonly refreshUrl?: string
}

/**
 * The bearer token of the OAuth2 password flow, FastAPI's `OAuth2PasswordBearer`:
 * reads `Authorization: Bearer <token>`, answers a missing one with
 * `401 Not authenticated` and `WWW-Authenticate: Bearer`, and registers the
 * flow (token URL and scopes) in the OpenAPI document. Combine with
 * {@link verifiedClaims} to verify the token.
 *
 * @example
 * ```ts
 * const token = oauth2PasswordBearer({
 *   tokenUrl: '/api/token',
 *   scopes: { 'todos:read': 'Read todos', 'todos:write': 'Change todos' },
 * })
 * const me = route.get('/me', { deps: { token } }, ({ token }) => ({ length: token.length }))
 * ```
 */
export function oauth2PasswordBearer<const O extends OAuth2PasswordBearerOptions>(
  options: O,
): Dependency<Credential<string, O>, 'request'> {
  const { tokenUrl, scopes = {}, refreshUrl } = options
  const password = { tokenUrl, scopes, ...(refreshUrl && { refreshUrl }) }
  return credentialDependency(
    {
      name: options.schemeName ?? 'OAuth2PasswordBearer',
      scheme: { type: 'oauth2', flows: { password } },
      challenge: 'Bearer',
      read: (c) => authorization(c, 'Bearer'),
    },
    options,
  )
}

/** Options of {@link httpBearer}. */
export interface HttpBearerOptions extends CredentialOptions {
  /** A hint for documentation, such as `'JWT'`. */
  readonly bearerFormat?: string
}

/**
 * A bearer token in `Authorization: Bearer <token>`, FastAPI's `HTTPBearer`:
 * the OpenAPI scheme is `{ type: 'http', scheme: 'bearer' }`.
 *
 * @example
 * ```ts
 * const token = httpBearer({ bearerFormat: 'JWT' })
 * const claims = verifiedClaims(token, jwt)
 * ```
 */
export function httpBearer<const O extends HttpBearerOptions = {}>(
  options: O = {} as O,
): Dependency<Credential<string, O>, 'request'> {
  const format = options.bearerFormat && { bearerFormat: options.bearerFormat }
  return credentialDependency(
    {
      name: options.schemeName ?? 'HTTPBearer',
      scheme: { type: 'http', scheme: 'bearer', ...format },
      challenge: 'Bearer',
      read: (c) => authorization(c, 'Bearer'),
    },
    options,
  )
}
