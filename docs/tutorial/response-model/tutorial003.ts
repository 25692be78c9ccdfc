// FastAPI docs_src/response_model/tutorial003: an output model that leaves the password out.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const UserIn = v.object({
  username: v.string(),
  password: v.string(),
  email: v.pipe(v.string(), v.email()),
  full_name: v.optional(v.nullable(v.string()), null),
})
const UserOut = v.object({
  username: v.string(),
  email: v.pipe(v.string(), v.email()),
  full_name: v.optional(v.nullable(v.string()), null),
})

const createUser = route.post('/user/', { body: UserIn, response: UserOut }, ({ body }) => body)

export const app = createApp({ routes: [createUser] })
