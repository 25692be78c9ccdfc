// Sluice port of FastAPI tests/test_forms_single_model.py (app.py).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const FormModel = v.pipe(
  v.object({
    username: v.string(),
    lastname: v.string(),
    age: v.optional(v.nullable(v.pipe(v.number(), v.integer())), null),
    tags: v.optional(v.array(v.string()), () => ['foo', 'bar']),
    // FastAPI's `alias_with: str = Field(alias="with")`: the key is the name on the wire and in answers.
    with: v.optional(v.string(), 'nothing'),
  }),
  v.metadata({ model: true }),
)

const FormModelExtraAllow = v.pipe(
  v.looseObject({ param: v.string() }),
  v.metadata({ model: true }),
)

const postForm = route.post('/form/', { form: FormModel }, ({ form }) => form)
const postFormExtraAllow = route.post(
  '/form-extra-allow/',
  { form: FormModelExtraAllow },
  ({ form }) => form,
)

export const app = createApp({ routes: [postForm, postFormExtraAllow] })
