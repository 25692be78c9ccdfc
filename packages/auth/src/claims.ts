import type { Dependency } from '@sluice/core'
import { depends } from '@sluice/core'
import { insufficientScope } from './errors'
import type { JwtVerifier } from './jwt'

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
 * ```
 */
export function verifiedClaims<C>(
  token: Dependency<string, 'request'>,
  jwt: JwtVerifier<C>,
): Dependency<C, 'request'> {
  return depends(
    { token },
    async ({ token }, { scopes: required }) => {
      const verified = await jwt.verify(token)
      const missing = required.filter((scope) => !verified.scopes.includes(scope))
      if (missing.length > 0) throw insufficientScope(required)
      return verified.claims
    },
    { name: 'verifiedClaims' },
  )
}
