// Sluice port of FastAPI tests/test_request_params/test_form/test_list.py (app.py): a parameter alone, and a
// parameter model (`model: true`), each without and with an alias.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const plain = v.object({ p: v.array(v.string()) })
const aliased = v.object({ p: v.pipe(v.array(v.string()), v.metadata({ alias: 'p_alias' })) })
const model = (schema: typeof plain | typeof aliased) => v.pipe(schema, v.metadata({ model: true }))

const readListStr = route.post('/required-list-str', { form: plain }, ({ form }) => ({ p: form.p }))
const readModelListStr = route.post(
  '/model-required-list-str',
  { form: model(plain) },
  ({ form }) => ({
    p: form.p,
  }),
)
const readListAlias = route.post('/required-list-alias', { form: aliased }, ({ form }) => ({
  p: form.p,
}))
const readModelListAlias = route.post(
  '/model-required-list-alias',
  { form: model(aliased) },
  ({ form }) => ({
    p: form.p,
  }),
)

export const app = createApp({
  routes: [readListStr, readModelListStr, readListAlias, readModelListAlias],
})
