// FastAPI docs_src/body_multiple_params/tutorial001: an optional body, a validated path parameter and a query.
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
    params: v.object({
      item_id: v.pipe(
        v.number(),
        v.integer(),
        v.minValue(0),
        v.maxValue(1000),
        v.title('The ID of the item to get'),
      ),
    }),
    query: v.object({ q: v.optional(v.string()) }),
    body: v.optional(v.nullable(Item)),
  },
  ({ params, query, body }) => ({
    item_id: params.item_id,
    ...(query.q && { q: query.q }),
    ...(body && { item: body }),
  }),
)

export const app = createApp({ routes: [updateItem] })
