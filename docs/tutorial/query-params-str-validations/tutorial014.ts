// FastAPI docs_src/query_params_str_validations/tutorial014: a query parameter left out of the schema.
// Sluice hides whole operations (`hidden`), not single parameters: the parameter stays documented.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ hidden_query: v.optional(v.string()) }) },
  ({ query }) => ({ hidden_query: query.hidden_query || 'Not found' }),
)

export const app = createApp({ routes: [readItems] })
