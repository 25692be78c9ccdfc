import {
  apiKey,
  createJwt,
  InvalidTokenError,
  oauth2PasswordBearer,
  verifiedClaims,
} from '@sluice/auth'
import { type Dependency, depends, requireScopes } from '@sluice/core'
import * as v from 'valibot'
import type { Database } from './db/database'
import type { Settings } from './settings'
import { findUser } from './store/users'

export const SCOPES = {
  'todos:read': 'Read your todos',
  'todos:write': 'Create, change and delete your todos',
} as const

/** Signs and verifies access tokens: HS256 with the app's secret; `sub` is the user id. */
export function accessTokens(settings: Settings) {
  return createJwt({
    algorithm: 'HS256',
    secret: settings.JWT_SECRET as string,
    issuer: 'todo-api',
    audience: 'todo-api',
    expiresIn: settings.ACCESS_TOKEN_TTL,
    claims: v.object({ sub: v.pipe(v.string(), v.digits()) }),
    // A client sends one token with every request for its lifetime: verify it once.
    cache: 1_000,
  })
}

export type AccessTokens = ReturnType<typeof accessTokens>

/** The bearer token of the OAuth2 password flow; Swagger UI's Authorize button logs in at /auth/token. */
export const bearerToken = oauth2PasswordBearer({ tokenUrl: '/auth/token', scopes: SCOPES })

/**
 * The access token in the `access_token` query parameter, for browser clients of
 * the live feed: neither `EventSource` nor `WebSocket` can send an Authorization header.
 */
export const queryToken = apiKey({
  in: 'query',
  name: 'access_token',
  schemeName: 'AccessTokenQuery',
})

/** The signed-in user: token → verified claims (401/403) → the user row, which must still exist. */
export function currentUser(
  tokens: AccessTokens,
  db: Dependency<Database, 'app'>,
  token: Dependency<string, 'request'> = bearerToken,
) {
  const claims = verifiedClaims(token, tokens)
  return depends({ claims, db }, async ({ claims, db }) => {
    const user = await findUser(db, Number(claims.sub))
    if (!user) throw new InvalidTokenError('claims')
    return user
  })
}

export type CurrentUser = ReturnType<typeof currentUser>

/**
 * The user, allowed to read todos: `todos:read` is required of the token
 * whatever carries it (a header for `GET /todos`, a query parameter for the
 * live feed), so every route that shows a todo asks for it in one place.
 */
export const todoReader = (user: CurrentUser): CurrentUser => requireScopes(user, ['todos:read'])

/** The user, allowed to create, change and delete todos (`todos:write`). */
export const todoWriter = (user: CurrentUser): CurrentUser => requireScopes(user, ['todos:write'])
