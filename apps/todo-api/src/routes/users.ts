import { InvalidTokenError, type PasswordHasher } from '@sluice/auth'
import {
  type AnyDependency,
  type Dependency,
  HTTPError,
  HTTPException,
  route,
  router,
} from '@sluice/core'
import { type Database, writableDatabase } from '../db/database'
import type { Logger } from '../logging'
import { UserPublic, UserUpdate } from '../models'
import type { CurrentUser } from '../security'
import { revokeUserRefreshTokens } from '../store/refresh-tokens'
import { type User, updateUser } from '../store/users'

interface UserDeps {
  readonly db: Dependency<Database, 'app'>
  readonly currentUser: CurrentUser
  readonly passwords: PasswordHasher
  /** The limit on one user's writes. */
  readonly writes: AnyDependency
  readonly log: Logger
}

/** The signed-in user's own account. */
export function userRoutes({ db, currentUser, passwords, writes, log }: UserDeps) {
  /** Whether `password` is the user's; a stored hash nobody can read is logged, and matches nothing. */
  const isCurrentPassword = async (user: User, password: string) => {
    try {
      return await passwords.verify(password, user.password_hash)
    } catch (error) {
      if (!(error instanceof TypeError)) throw error
      log.error(
        `The password hash of user ${user.id} cannot be read; password change refused`,
        error,
      )
      return false
    }
  }

  const readMe = route.get(
    '/me',
    { deps: { user: currentUser }, response: UserPublic, summary: 'Read my account' },
    ({ user }) => user,
  )

  const updateMe = route.patch(
    '/me',
    {
      body: UserUpdate,
      deps: { user: currentUser, db: writableDatabase(db) },
      dependencies: [writes],
      responses: { 200: UserPublic, 400: HTTPError },
      summary: 'Change my name or password',
      description:
        'Changing the password requires `current_password`, and ends every session of the account: ' +
        'all refresh tokens are revoked, including those of the client making the change, which ' +
        'logs in again with the new password. (An access token carries no session, so the one ' +
        'that made the change cannot be told apart.) Access tokens already issued stay valid ' +
        'until they expire.',
    },
    async ({ body, user, db }) => {
      const changes: Partial<Pick<User, 'full_name' | 'password_hash'>> = {}
      if (body.full_name !== undefined) changes.full_name = body.full_name
      if (body.password !== undefined) {
        if (!(await isCurrentPassword(user, body.current_password ?? ''))) {
          throw new HTTPException(400, 'Current password is incorrect')
        }
        changes.password_hash = await passwords.hash(body.password)
      }
      if (Object.keys(changes).length === 0) return user
      // Revoked first: should the update then fail, the old password still works and
      // the user logs in again, but no session outlives a password change.
      if (changes.password_hash) await revokeUserRefreshTokens(db, user.id)
      const updated = await updateUser(db, user.id, changes)
      // The account was deleted since its token was checked.
      if (!updated) throw new InvalidTokenError('claims')
      return updated
    },
  )

  return router({ prefix: '/users', tags: ['users'] }, [readMe, updateMe])
}
