// FastAPI docs_src/response_model/tutorial002: the input model as the return type (echoes the password!).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const UserIn = v.object({
  username: v.string(),
  password: v.string(),
  email: v.pipe(v.string(), v.email()),
  full_name: v.optional(v.nullable(v.string()), null),
})

// Don't do this in production!
const createUser = route.post('/user/', { body: UserIn, response: UserIn }, ({ body }) => body)

export const app = createApp({ routes: [createUser] })
