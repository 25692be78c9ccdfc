// FastAPI docs_src/path_params_numeric_validations/tutorial006: bounds on an integer path and a float query.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
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
    query: v.object({ q: v.string(), size: v.pipe(v.number(), v.gtValue(0), v.ltValue(10.5)) }),
  },
  ({ params, query }) => ({
    item_id: params.item_id,
    ...(query.q && { q: query.q }),
    ...(query.size && { size: query.size }),
  }),
)

export const app = createApp({ routes: [readItems] })
