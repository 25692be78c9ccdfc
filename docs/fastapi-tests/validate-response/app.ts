// Sluice port of FastAPI tests/test_validate_response.py (app.py): a returned value that fails its
// response schema is the server's error (500), never sent.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  price: v.optional(v.nullable(v.number()), null),
  owner_ids: v.optional(v.nullable(v.array(v.pipe(v.number(), v.integer()))), null),
})

// A handler's return is typed by its response schema: these routes return what the schema
// refuses on purpose, so the type check is silenced (`as never`).
const getInvalid = route.get(
  '/items/invalid',
  { response: Item },
  () => ({ name: 'invalid', price: 'foo' }) as never,
)

const getInvalidNone = route.get('/items/invalidnone', { response: Item }, () => null as never)

const getValidNone = route.get(
  '/items/validnone',
  {
    query: v.object({ send_none: v.optional(v.boolean(), false) }),
    response: v.nullable(Item),
  },
  ({ query }) => (query.send_none ? null : { name: 'invalid', price: 3.2 }),
)

const getInnerInvalid = route.get(
  '/items/innerinvalid',
  { response: Item },
  () => ({ name: 'double invalid', price: 'foo', owner_ids: ['foo', 'bar'] }) as never,
)

const getInvalidList = route.get(
  '/items/invalidlist',
  { response: v.array(Item) },
  () => [{ name: 'foo' }, { name: 'bar', price: 'bar' }, { name: 'baz', price: 'baz' }] as never,
)

export const app = createApp({
  routes: [getInvalid, getInvalidNone, getValidNone, getInnerInvalid, getInvalidList],
})
