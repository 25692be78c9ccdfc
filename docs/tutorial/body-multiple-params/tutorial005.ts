// FastAPI docs_src/body_multiple_params/tutorial005: one model embedded under its name (`Body(embed=True)`).
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
  {
    params: v.object({ item_id: v.pipe(v.number(), v.integer()) }),
    body: v.pipe(v.object({ item: Item }), v.metadata({ embed: true })),
  },
  ({ params, body }) => ({ item_id: params.item_id, item: body.item }),
)

export const app = createApp({ routes: [updateItem] })
