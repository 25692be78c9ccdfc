// FastAPI docs_src/query_params_str_validations/tutorial012: a list query parameter with a default list.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ q: v.optional(v.array(v.string()), () => ['foo', 'bar']) }) },
  ({ query }) => ({ q: query.q }),
)

export const app = createApp({ routes: [readItems] })
