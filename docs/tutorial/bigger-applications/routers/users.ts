// FastAPI docs_src/bigger_applications/app/routers/users.py: a router without a prefix.
import { route, router } from '@sluice/core'
import * as v from 'valibot'

const readUsers = route.get('/users/', { tags: ['users'] }, () => [
  { username: 'Rick' },
  { username: 'Morty' },
])

const readUserMe = route.get('/users/me', { tags: ['users'] }, () => ({
  username: 'fakecurrentuser',
}))

const readUser = route.get(
  '/users/:username',
  { tags: ['users'], params: v.object({ username: v.string() }) },
  ({ params }) => ({ username: params.username }),
)

export const users = router({}, [readUsers, readUserMe, readUser])
