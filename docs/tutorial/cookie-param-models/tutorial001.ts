// FastAPI docs_src/cookie_param_models/tutorial001: cookies declared together as one model.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Cookies = v.pipe(
  v.object({
    session_id: v.string(),
    fatebook_tracker: v.optional(v.nullable(v.string()), null),
    googall_tracker: v.optional(v.nullable(v.string()), null),
  }),
  // One model, as FastAPI's `Annotated[Model, …()]`: located by field name, a missing field echoes the input.
  v.metadata({ model: true }),
)

const readItems = route.get('/items/', { cookies: Cookies }, ({ cookies }) => cookies)

export const app = createApp({ routes: [readItems] })
