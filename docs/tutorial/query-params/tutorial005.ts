// FastAPI docs_src/query_params/tutorial005: a required query parameter.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readUserItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), query: v.object({ needy: v.string() }) },
  ({ params, query }) => ({ item_id: params.item_id, needy: query.needy }),
)

export const app = createApp({ routes: [readUserItem] })
