// FastAPI docs_src/query_params/tutorial003: a boolean query parameter (true/1/yes/on).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItem = route.get(
  '/items/:item_id',
  {
    params: v.object({ item_id: v.string() }),
    query: v.object({ q: v.optional(v.string()), short: v.optional(v.boolean(), false) }),
  },
  ({ params, query }) => ({
    item_id: params.item_id,
    ...(query.q && { q: query.q }),
    ...(!query.short && { description: 'This is an amazing item that has a long description' }),
  }),
)

export const app = createApp({ routes: [readItem] })
