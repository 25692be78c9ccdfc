// FastAPI docs_src/query_params_str_validations/tutorial009: an alias: the wire name `item-query` is the schema key.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ 'item-query': v.optional(v.string()) }) },
  ({ query }) => ({
    items: [{ item_id: 'Foo' }, { item_id: 'Bar' }],
    ...(query['item-query'] && { q: query['item-query'] }),
  }),
)

export const app = createApp({ routes: [readItems] })
