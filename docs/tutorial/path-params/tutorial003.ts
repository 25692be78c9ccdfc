// FastAPI docs_src/path_params/tutorial003: a fixed path declared before a parameterised one wins.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readUserMe = route.get('/users/me', {}, () => ({ user_id: 'the current user' }))

const readUser = route.get(
  '/users/:user_id',
  { params: v.object({ user_id: v.string() }) },
  ({ params }) => ({ user_id: params.user_id }),
)

export const app = createApp({ routes: [readUserMe, readUser] })
