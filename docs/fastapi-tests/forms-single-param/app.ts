// Sluice port of FastAPI tests/test_forms_single_param.py (app.py).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const postForm = route.post(
  '/form/',
  { form: v.object({ username: v.string() }) },
  ({ form }) => form.username,
)

export const app = createApp({ routes: [postForm] })
