// Sluice port of FastAPI tests/test_request_params/test_header/test_required_str.py (app.py): a parameter alone, and a
// parameter model (`model: true`), each without and with an alias.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const plain = v.object({ p: v.string() })
const aliased = v.object({ p: v.pipe(v.string(), v.metadata({ alias: 'p_alias' })) })
const model = (schema: typeof plain | typeof aliased) => v.pipe(schema, v.metadata({ model: true }))

const readStr = route.get('/required-str', { headers: plain }, ({ headers }) => ({ p: headers.p }))
const readModelStr = route.get('/model-required-str', { headers: model(plain) }, ({ headers }) => ({
  p: headers.p,
}))
const readAlias = route.get('/required-alias', { headers: aliased }, ({ headers }) => ({
  p: headers.p,
}))
const readModelAlias = route.get(
  '/model-required-alias',
  { headers: model(aliased) },
  ({ headers }) => ({
    p: headers.p,
  }),
)

export const app = createApp({
  routes: [readStr, readModelStr, readAlias, readModelAlias],
})
