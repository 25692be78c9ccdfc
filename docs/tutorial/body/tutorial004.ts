// FastAPI docs_src/body/tutorial004: body, path and query parameters together.
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
    query: v.object({ q: v.optional(v.string()) }),
    body: Item,
  },
  ({ params, query, body }) => ({
    item_id: params.item_id,
    ...body,
    ...(query.q && { q: query.q }),
  }),
)

export const app = createApp({ routes: [updateItem] })
