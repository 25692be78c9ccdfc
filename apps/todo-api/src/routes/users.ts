import { hashPassword, verifyPassword } from '@sluice/auth/node'
import { type Dependency, HTTPError, HTTPException, route, router } from '@sluice/core'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/database'
import { users } from '../db/schema'
import { UserPublic, UserUpdate } from '../models'
import type { CurrentUser } from '../security'

interface UserDeps {
  readonly db: Dependency<Database, 'app'>
  readonly currentUser: CurrentUser
}

/** The signed-in user's own account. */
export function userRoutes({ db, currentUser }: UserDeps) {
  const readMe = route.get(
    '/me',
    { deps: { user: currentUser }, response: UserPublic, summary: 'Read my account' },
    ({ user }) => user,
  )

  const updateMe = route.patch(
    '/me',
    {
      body: UserUpdate,
      deps: { user: currentUser, db },
      responses: { 200: UserPublic, 400: HTTPError },
      summary: 'Change my name or password',
      description: 'Changing the password requires `current_password`.',
    },
    async ({ body, user, db }) => {
      const changes: Partial<typeof users.$inferInsert> = {}
      if (body.full_name !== undefined) changes.full_name = body.full_name
      if (body.password !== undefined) {
        if (!(await verifyPassword(body.current_password ?? '', user.password_hash))) {
          throw new HTTPException(400, 'Current password is incorrect')
        }
        changes.password_hash = await hashPassword(body.password)
      }
      if (Object.keys(changes).length === 0) return user
      return db.update(users).set(changes).where(eq(users.id, user.id)).returning().get()
    },
  )

  return router({ prefix: '/users', tags: ['users'] }, [readMe, updateMe])
}
