// FastAPI docs_src/body_multiple_params/tutorial003: several body parameters and a singular body value.
// FastAPI embeds each under its name; in Sluice the body schema says so, with `embed: true`.
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
    // Each entry is its own body parameter, as FastAPI embeds several: reported one by one.
    body: v.pipe(
      v.object({ item: Item, user: User, importance: v.pipe(v.number(), v.integer()) }),
      v.metadata({ embed: true }),
    ),
  },
  ({ params, body }) => ({ item_id: params.item_id, ...body }),
)

export const app = createApp({ routes: [updateItem] })
