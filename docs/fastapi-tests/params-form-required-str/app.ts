// Sluice port of FastAPI tests/test_request_params/test_form/test_required_str.py (app.py): a parameter alone, and a
// parameter model (`model: true`), each without and with an alias.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const plain = v.object({ p: v.string() })
const aliased = v.object({ p: v.pipe(v.string(), v.metadata({ alias: 'p_alias' })) })
const model = (schema: typeof plain | typeof aliased) => v.pipe(schema, v.metadata({ model: true }))

const readStr = route.post('/required-str', { form: plain }, ({ form }) => ({ p: form.p }))
const readModelStr = route.post('/model-required-str', { form: model(plain) }, ({ form }) => ({
  p: form.p,
}))
const readAlias = route.post('/required-alias', { form: aliased }, ({ form }) => ({ p: form.p }))
const readModelAlias = route.post(
  '/model-required-alias',
  { form: model(aliased) },
  ({ form }) => ({
    p: form.p,
  }),
)

export const app = createApp({
  routes: [readStr, readModelStr, readAlias, readModelAlias],
})
