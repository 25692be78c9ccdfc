// FastAPI docs_src/query_params/tutorial001: query parameters with defaults.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const fakeItemsDb = [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }]

const readItem = route.get(
  '/items/',
  {
    query: v.object({
      skip: v.optional(v.pipe(v.number(), v.integer()), 0),
      limit: v.optional(v.pipe(v.number(), v.integer()), 10),
    }),
  },
  ({ query }) => fakeItemsDb.slice(query.skip, query.skip + query.limit),
)

export const app = createApp({ routes: [readItem] })
