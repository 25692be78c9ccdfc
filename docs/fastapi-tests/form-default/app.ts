// Sluice port of FastAPI tests/test_form_default.py (app.py).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Age = v.optional(v.nullable(v.pipe(v.number(), v.integer())), null)

const postUrlEncoded = route.post(
  '/urlencoded',
  { form: v.object({ age: Age }) },
  ({ form }) => form.age,
)

const postMultiPart = route.post(
  '/multipart',
  { form: v.object({ age: Age, file: v.optional(v.nullable(v.file()), null) }) },
  ({ form }) => ({ file: form.file, age: form.age }),
)

export const app = createApp({ routes: [postUrlEncoded, postMultiPart] })
