import { type PasswordHasher, passwordForm, passwordLogin } from '@sluice/auth'
import {
  type Dependency,
  depends,
  HTTPError,
  HTTPException,
  respond,
  route,
  router,
} from '@sluice/core'
import { dbErrorKind } from '@sluice/db'
import { type Database, TEXT_REFUSED, writableDatabase } from '../db/database'
import type { Mailer } from '../jobs'
import type { Logger } from '../logging'
import { RefreshRequest, Token, UserCreate, UserPublic } from '../models'
import { type RateLimits, triedBefore } from '../rate-limit'
import { type AccessTokens, type CurrentUser, SCOPES } from '../security'
import type { Settings } from '../settings'
import {
  issueRefreshToken,
  revokeRefreshToken,
  revokeUserRefreshTokens,
  rotateRefreshToken,
} from '../store/refresh-tokens'
import { createUser, findUserByEmail, type User, updateUser } from '../store/users'

interface AuthDeps {
  readonly db: Dependency<Database, 'app'>
  readonly currentUser: CurrentUser
  readonly tokens: AccessTokens
  readonly limits: RateLimits
  readonly settings: Settings
  readonly passwords: PasswordHasher
  /** Sends the welcome mail (a background job). */
  readonly mailer: Dependency<Mailer, 'app'>
  readonly log: Logger
}

const badCredentials = () =>
  new HTTPException(401, 'Incorrect email or password', { 'WWW-Authenticate': 'Bearer' })
const badRefreshToken = () =>
  new HTTPException(401, 'Invalid or expired refresh token', { 'WWW-Authenticate': 'Bearer' })

/** The scopes a login asked for, among those that exist; asking for none grants them all. */
function grantedScopes(requested: readonly string[]): string[] {
  const known = Object.keys(SCOPES)
  return requested.length === 0 ? known : requested.filter((scope) => known.includes(scope))
}

/** Registration, the OAuth2 password flow with rotating refresh tokens, and logout. */
export function authRoutes({
  db,
  currentUser,
  tokens,
  limits,
  settings,
  passwords,
  mailer,
  log,
}: AuthDeps) {
  const writable = writableDatabase(db)

  /** Checks an email and password in the same time whether or not the account exists. */
  const login = depends(
    { db },
    ({ db }) =>
      passwordLogin({
        hasher: passwords,
        findUser: (email) => findUserByEmail(db, email),
        passwordHash: (user) => user.password_hash,
        rehash: (user, hash) => updateUser(db, user.id, { password_hash: hash }),
        onUnreadableHash: (user, error) =>
          log.error(`The password hash of user ${user.id} cannot be read; login refused`, error),
      }),
    { scope: 'app', name: 'login' },
  )

  /** A token response, which no cache may keep (RFC 6749 §5.1). */
  const tokenPair = async (userId: number, scopes: readonly string[], refreshToken: string) =>
    respond(
      200,
      {
        access_token: await tokens.sign({ sub: String(userId) }, { scopes: [...scopes] }),
        token_type: 'bearer' as const,
        expires_in: settings.ACCESS_TOKEN_TTL,
        refresh_token: refreshToken,
      },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    )

  const register = route.post(
    '/register',
    {
      body: UserCreate,
      deps: { db: writable, mailer },
      dependencies: [limits.register],
      responses: { 201: UserPublic, 409: HTTPError, ...TEXT_REFUSED },
      summary: 'Create an account',
    },
    async ({ body, db, mailer }) => {
      const password_hash = await passwords.hash(body.password)
      let user: User
      try {
        user = await createUser(db, { ...body, password_hash })
      } catch (error) {
        if (dbErrorKind(error) === 'unique')
          throw new HTTPException(409, 'Email already registered')
        throw error
      }
      await mailer.welcome(user)
      return respond(201, user)
    },
  )
  const token = route.post(
    '/token',
    {
      form: passwordForm,
      // Counted, atomically, before the password is checked: the account's limit first, so an
      // attempt it refuses does not also spend the client's ceiling, which counts what was tried.
      deps: { db: writable, login, perAccount: limits.login, perClient: limits.loginClient },
      responses: { 200: Token, 401: HTTPError, ...TEXT_REFUSED },
      summary: 'Log in with email and password (OAuth2 password flow)',
    },
    async ({ form, db, login, perAccount, perClient }) => {
      // Only failures count: a success gives back its own points, not those of the failures
      // before it, and neither does an attempt the hashing queue refused (503) unchecked.
      const refund = () => Promise.all([perAccount.refund(), perClient.refund()])
      // A client with failures in this window waits behind, and makes room for, everyone else.
      const priority = triedBefore(perClient) ? 'low' : 'normal'
      const user = await login(form.username, form.password, { priority }).catch(
        async (error: unknown) => {
          if (error instanceof HTTPException && error.status === 503) await refund()
          throw error
        },
      )
      if (!user) throw badCredentials()
      await refund()
      const scopes = grantedScopes(form.scope)
      return tokenPair(
        user.id,
        scopes,
        await issueRefreshToken(db, user.id, scopes, settings.REFRESH_TOKEN_TTL),
      )
    },
  )

  const refresh = route.post(
    '/refresh',
    {
      body: RefreshRequest,
      deps: { db: writable },
      responses: { 200: Token, 401: HTTPError },
      summary: 'Exchange a refresh token for new tokens',
    },
    async ({ body, db }) => {
      const rotation = await rotateRefreshToken(db, body.refresh_token, settings.REFRESH_TOKEN_TTL)
      if (!rotation.ok) throw badRefreshToken()
      return tokenPair(rotation.userId, rotation.scopes, rotation.token)
    },
  )

  const logout = route.post(
    '/logout',
    {
      body: RefreshRequest,
      deps: { db: writable },
      status: 204,
      summary: 'End the session of a refresh token',
    },
    async ({ body, db }) => {
      await revokeRefreshToken(db, body.refresh_token)
    },
  )

  const logoutAll = route.post(
    '/logout-all',
    {
      deps: { user: currentUser, db: writable },
      status: 204,
      responses: { 204: null, 401: HTTPError },
      summary: 'End every session of my account',
      description:
        'Revokes every refresh token of the signed-in user, on every device. Access tokens ' +
        'already issued stay valid until they expire.',
    },
    async ({ user, db }) => {
      await revokeUserRefreshTokens(db, user.id)
    },
  )

  return router({ prefix: '/auth', tags: ['auth'] }, [register, token, refresh, logout, logoutAll])
}
