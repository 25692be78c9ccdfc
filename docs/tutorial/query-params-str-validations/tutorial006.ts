// FastAPI docs_src/query_params_str_validations/tutorial006: a required query string with a minimum length.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ q: v.pipe(v.string(), v.minLength(3)) }) },
  ({ query }) => ({
    items: [{ item_id: 'Foo' }, { item_id: 'Bar' }],
    ...(query.q && { q: query.q }),
  }),
)

export const app = createApp({ routes: [readItems] })
