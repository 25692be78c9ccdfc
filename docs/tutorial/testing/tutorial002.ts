// FastAPI docs_src/app_testing/app_b: items behind a secret token header.
import { createApp, HTTPError, HTTPException, model, route } from '@sluice/core'
import * as v from 'valibot'

const fakeSecretToken = 'coneofsilence'

const Item = model(
  'Item',
  v.object({ id: v.string(), title: v.string(), description: v.optional(v.string()) }),
)

const fakeDb = new Map<string, v.InferOutput<typeof Item>>([
  ['foo', { id: 'foo', title: 'Foo', description: 'There goes my hero' }],
  ['bar', { id: 'bar', title: 'Bar', description: 'The bartenders' }],
])

// Named as on the wire, so Hono's typed client sends the header under that name.
const headers = v.object({ 'x-token': v.string() })

const readMain = route.get(
  '/items/:item_id',
  {
    params: v.object({ item_id: v.string() }),
    headers,
    responses: { 200: Item, 400: HTTPError, 404: HTTPError },
  },
  ({ params, headers }) => {
    if (headers['x-token'] !== fakeSecretToken)
      throw new HTTPException(400, 'Invalid X-Token header')
    const item = fakeDb.get(params.item_id)
    if (!item) throw new HTTPException(404, 'Item not found')
    return item
  },
)

const createItem = route.post(
  '/items',
  { headers, body: Item, responses: { 200: Item, 400: HTTPError, 409: HTTPError } },
  ({ headers, body }) => {
    if (headers['x-token'] !== fakeSecretToken)
      throw new HTTPException(400, 'Invalid X-Token header')
    if (fakeDb.has(body.id)) throw new HTTPException(409, 'Item already exists')
    fakeDb.set(body.id, body)
    return body
  },
)

export const app = createApp({ routes: [readMain, createItem] })
