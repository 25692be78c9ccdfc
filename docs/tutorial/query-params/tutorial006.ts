// FastAPI docs_src/query_params/tutorial006: required, defaulted and optional query parameters together.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Int = v.pipe(v.number(), v.integer())

const readUserItem = route.get(
  '/items/:item_id',
  {
    params: v.object({ item_id: v.string() }),
    query: v.object({ needy: v.string(), skip: v.optional(Int, 0), limit: v.optional(Int) }),
  },
  ({ params, query }) => ({
    item_id: params.item_id,
    needy: query.needy,
    skip: query.skip,
    limit: query.limit ?? null,
  }),
)

export const app = createApp({ routes: [readUserItem] })
