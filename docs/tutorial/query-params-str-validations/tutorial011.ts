// FastAPI docs_src/query_params_str_validations/tutorial011: a list from a repeated query key, or None.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { query: v.object({ q: v.optional(v.array(v.string())) }) },
  ({ query }) => ({ q: query.q ?? null }),
)

export const app = createApp({ routes: [readItems] })
