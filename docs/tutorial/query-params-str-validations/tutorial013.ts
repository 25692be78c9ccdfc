// FastAPI docs_src/query_params_str_validations/tutorial013: a list of anything, empty by default.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ q: v.optional(v.array(v.unknown()), () => []) }) },
  ({ query }) => ({ q: query.q }),
)

export const app = createApp({ routes: [readItems] })
