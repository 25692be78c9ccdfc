// FastAPI docs_src/body_multiple_params/tutorial004: body parameters, a validated singular value and a query.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
})
const User = v.object({ username: v.string(), full_name: v.optional(v.nullable(v.string()), null) })

const updateItem = route.put(
  '/items/:item_id',
  {
    params: v.object({ item_id: v.pipe(v.number(), v.integer()) }),
    query: v.object({ q: v.optional(v.string()) }),
    body: v.pipe(
      v.object({
        item: Item,
        user: User,
        importance: v.pipe(v.number(), v.integer(), v.gtValue(0)),
      }),
      v.metadata({ embed: true }),
    ),
  },
  ({ params, query, body }) => ({
    item_id: params.item_id,
    ...body,
    ...(query.q && { q: query.q }),
  }),
)

export const app = createApp({ routes: [updateItem] })
