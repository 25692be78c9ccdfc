// FastAPI docs_src/path_params_numeric_validations/tutorial005: greater than 0, at most 1000.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/:item_id',
  {
    params: v.object({
      item_id: v.pipe(
        v.number(),
        v.integer(),
        v.gtValue(0),
        v.maxValue(1000),
        v.title('The ID of the item to get'),
      ),
    }),
    query: v.object({ q: v.string() }),
  },
  ({ params, query }) => ({ item_id: params.item_id, ...(query.q && { q: query.q }) }),
)

export const app = createApp({ routes: [readItems] })
