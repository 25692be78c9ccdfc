// FastAPI docs_src/body/tutorial003: a request body beside a path parameter.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
})

const updateItem = route.put(
  '/items/:item_id',
  { params: v.object({ item_id: v.pipe(v.number(), v.integer()) }), body: Item },
  ({ params, body }) => ({ item_id: params.item_id, ...body }),
)

export const app = createApp({ routes: [updateItem] })
