// FastAPI docs_src/query_params/tutorial002: an optional query parameter beside a path parameter.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), query: v.object({ q: v.optional(v.string()) }) },
  ({ params, query }) =>
    query.q ? { item_id: params.item_id, q: query.q } : { item_id: params.item_id },
)

export const app = createApp({ routes: [readItem] })
