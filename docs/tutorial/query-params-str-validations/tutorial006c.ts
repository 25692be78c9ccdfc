// FastAPI docs_src/query_params_str_validations/tutorial006c: required, but may be None (a query string cannot be None, so it is simply required).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ q: v.nullable(v.pipe(v.string(), v.minLength(3))) }) },
  ({ query }) => ({
    items: [{ item_id: 'Foo' }, { item_id: 'Bar' }],
    ...(query.q && { q: query.q }),
  }),
)

export const app = createApp({ routes: [readItems] })
