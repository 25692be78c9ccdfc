// FastAPI docs_src/query_params_str_validations/tutorial010: an alias with every validation.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  {
    query: v.object({
      q: v.optional(
        v.pipe(
          v.string(),
          v.metadata({ alias: 'item-query' }),
          v.minLength(3),
          v.maxLength(50),
          v.regex(/^fixedquery$/),
        ),
      ),
    }),
  },
  ({ query }) => ({
    items: [{ item_id: 'Foo' }, { item_id: 'Bar' }],
    ...(query.q && { q: query.q }),
  }),
)

export const app = createApp({ routes: [readItems] })
