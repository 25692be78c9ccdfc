// FastAPI docs_src/query_params/tutorial004: several path and query parameters, in any order.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readUserItem = route.get(
  '/users/:user_id/items/:item_id',
  {
    params: v.object({ user_id: v.pipe(v.number(), v.integer()), item_id: v.string() }),
    query: v.object({ q: v.optional(v.string()), short: v.optional(v.boolean(), false) }),
  },
  ({ params, query }) => ({
    item_id: params.item_id,
    owner_id: params.user_id,
    ...(query.q && { q: query.q }),
    ...(!query.short && { description: 'This is an amazing item that has a long description' }),
  }),
)

export const app = createApp({ routes: [readUserItem] })
