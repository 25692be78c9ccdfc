// FastAPI docs_src/query_params_str_validations/tutorial009: an alias: the field `q` is sent as `item-query`.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ q: v.optional(v.pipe(v.string(), v.metadata({ alias: 'item-query' }))) }) },
  ({ query }) => ({
    items: [{ item_id: 'Foo' }, { item_id: 'Bar' }],
    ...(query.q && { q: query.q }),
  }),
)

export const app = createApp({ routes: [readItems] })
