// FastAPI docs_src/response_model/tutorial003_01: the input extends the output model; the response filters it.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const BaseUser = v.object({
  username: v.string(),
  email: v.pipe(v.string(), v.email()),
  full_name: v.optional(v.nullable(v.string()), null),
})
const UserIn = v.object({ ...BaseUser.entries, password: v.string() })

const createUser = route.post('/user/', { body: UserIn, response: BaseUser }, ({ body }) => body)

export const app = createApp({ routes: [createUser] })
