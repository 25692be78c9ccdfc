// FastAPI docs_src/cookie_param_models/tutorial002: a cookie model that forbids other cookies (v.strictObject).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Cookies = v.pipe(
  v.strictObject({
    session_id: v.string(),
    fatebook_tracker: v.optional(v.nullable(v.string()), null),
    googall_tracker: v.optional(v.nullable(v.string()), null),
  }),
  // One model, as FastAPI's `Annotated[Model, …()]`: located by field name, a missing field echoes the input.
  v.metadata({ model: true }),
)

const readItems = route.get('/items/', { cookies: Cookies }, ({ cookies }) => cookies)

export const app = createApp({ routes: [readItems] })
