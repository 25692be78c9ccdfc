// Sluice port of FastAPI tests/test_request_params/test_header/test_list.py (app.py): a parameter alone, and a
// parameter model (`model: true`), each without and with an alias.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const plain = v.object({ p: v.array(v.string()) })
const aliased = v.object({ p: v.pipe(v.array(v.string()), v.metadata({ alias: 'p_alias' })) })
const model = (schema: typeof plain | typeof aliased) => v.pipe(schema, v.metadata({ model: true }))

const readListStr = route.get('/required-list-str', { headers: plain }, ({ headers }) => ({
  p: headers.p,
}))
const readModelListStr = route.get(
  '/model-required-list-str',
  { headers: model(plain) },
  ({ headers }) => ({
    p: headers.p,
  }),
)
const readListAlias = route.get('/required-list-alias', { headers: aliased }, ({ headers }) => ({
  p: headers.p,
}))
const readModelListAlias = route.get(
  '/model-required-list-alias',
  { headers: model(aliased) },
  ({ headers }) => ({
    p: headers.p,
  }),
)

export const app = createApp({
  routes: [readListStr, readModelListStr, readListAlias, readModelListAlias],
})
