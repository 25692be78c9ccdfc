import type { Dependency } from '@sluice/core'
import { depends } from '@sluice/core'
import { InvalidTokenError, insufficientScope } from './errors'
import type { JwtVerifier } from './jwt'

/** Options of {@link verifiedClaims}. */
export interface VerifiedClaimsOptions {
  /**
   * The error a token that fails verification raises instead of the default
   * `401` {@link InvalidTokenError} (given, with its `reason`, for logs), e.g. the
   * `403` a FastAPI app's clients already expect. Scope refusals stay `403`.
   */
  readonly onInvalid?: (error: InvalidTokenError) => Error
}

/**
 * The verified claims of a bearer token, the first step of a `currentUser`
 * dependency: token → {@link JwtVerifier.verify} (a bad token is a 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"`) → scope check. Every scope
 * required along the path from the route (see `requireScopes`) must be granted
 * by the token's `scope` claim, else the answer is `403` with
 * `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750).
 *
 * @example
 * ```ts
 * const token = oauth2PasswordBearer({ tokenUrl: '/token', scopes: { 'todos:write': 'Change todos' } })
 * const claims = verifiedClaims(token, jwt)
 * const currentUser = depends({ claims, db }, async ({ claims, db }) => {
 *   const user = await findUser(db, claims.sub)
 *   if (!user) throw new InvalidTokenError('claims')
 *   return user
 * })
 * const addTodo = route.post('/todos', { deps: { user: requireScopes(currentUser, ['todos:write']) } }, …)
 *
 * // Ported from FastAPI, whose clients expect 403 for a bad token:
 * const claims403 = verifiedClaims(token, jwt, {
 *   onInvalid: () => new HTTPException(403, 'Could not validate credentials'),
 * })
 * ```
 */
export function verifiedClaims<C>(
  token: Dependency<string, 'request'>,
  jwt: JwtVerifier<C>,
  options: VerifiedClaimsOptions = {},
): Dependency<C, 'request'> {
  const { onInvalid } = options
  const verify = onInvalid
    ? (token: string) =>
        jwt.verify(token).catch((error: unknown) => {
          throw error instanceof InvalidTokenError ? onInvalid(error) : error
        })
    : (token: string) => jwt.verify(token)
  return depends(
    { token },
    async ({ token }, { scopes: required }) => {
      const verified = await verify(token)
      const missing = required.filter((scope) => !verified.scopes.includes(scope))
      if (missing.length > 0) throw insufficientScope(required)
      return verified.claims
    },
    { name: 'verifiedClaims' },
  )
}
