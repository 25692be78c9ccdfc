// FastAPI docs_src/request_form_models/tutorial001: form fields declared together as one model.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const FormData = v.pipe(
  v.object({ username: v.string(), password: v.string() }),
  // One model, as FastAPI's `Annotated[Model, …()]`: located by field name, a missing field echoes the input.
  v.metadata({ model: true }),
)

const login = route.post('/login/', { form: FormData }, ({ form }) => form)

export const app = createApp({ routes: [login] })
