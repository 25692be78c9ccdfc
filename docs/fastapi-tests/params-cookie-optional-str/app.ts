// Sluice port of FastAPI tests/test_request_params/test_cookie/test_optional_str.py (app.py): a parameter alone, and a
// parameter model (`model: true`), each without and with an alias.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const plain = v.object({ p: v.optional(v.nullable(v.string()), null) })
const aliased = v.object({
  p: v.optional(v.nullable(v.pipe(v.string(), v.metadata({ alias: 'p_alias' }))), null),
})
const model = (schema: typeof plain | typeof aliased) => v.pipe(schema, v.metadata({ model: true }))

const readStr = route.get('/optional-str', { cookies: plain }, ({ cookies }) => ({ p: cookies.p }))
const readModelStr = route.get('/model-optional-str', { cookies: model(plain) }, ({ cookies }) => ({
  p: cookies.p,
}))
const readAlias = route.get('/optional-alias', { cookies: aliased }, ({ cookies }) => ({
  p: cookies.p,
}))
const readModelAlias = route.get(
  '/model-optional-alias',
  { cookies: model(aliased) },
  ({ cookies }) => ({
    p: cookies.p,
  }),
)

export const app = createApp({
  routes: [readStr, readModelStr, readAlias, readModelAlias],
})
