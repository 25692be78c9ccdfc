// FastAPI docs_src/request_forms/tutorial001: form fields instead of JSON (`form`, urlencoded or multipart).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const login = route.post(
  '/login/',
  { form: v.object({ username: v.string(), password: v.string() }) },
  ({ form }) => ({ username: form.username }),
)

export const app = createApp({ routes: [login] })
