// FastAPI docs_src/body_nested_models/tutorial005: a nested model whose url must be an HTTP URL.
import { createApp, route, setOf } from '@sluice/core'
import * as v from 'valibot'

const Image = v.object({ url: v.pipe(v.string(), v.url()), name: v.string() })

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
  tags: v.optional(setOf(v.string()), () => []),
  image: v.optional(v.nullable(Image), null),
})

const updateItem = route.put(
  '/items/:item_id',
  { params: v.object({ item_id: v.pipe(v.number(), v.integer()) }), body: Item },
  ({ params, body }) => ({ item_id: params.item_id, item: body }),
)

export const app = createApp({ routes: [updateItem] })
