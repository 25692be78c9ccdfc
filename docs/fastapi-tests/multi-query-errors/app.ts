// Sluice port of FastAPI tests/test_multi_query_errors.py (app.py).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  {
    query: v.object({ q: v.optional(v.nullable(v.array(v.pipe(v.number(), v.integer()))), null) }),
  },
  ({ query }) => ({ q: query.q }),
)

export const app = createApp({ routes: [readItems] })
