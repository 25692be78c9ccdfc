// FastAPI docs_src/path_params_numeric_validations/tutorial001: metadata on a path parameter, an aliased query.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/:item_id',
  {
    params: v.object({
      item_id: v.pipe(v.number(), v.integer(), v.title('The ID of the item to get')),
    }),
    query: v.object({ q: v.optional(v.pipe(v.string(), v.metadata({ alias: 'item-query' }))) }),
  },
  ({ params, query }) => ({ item_id: params.item_id, ...(query.q && { q: query.q }) }),
)

export const app = createApp({ routes: [readItems] })
