// FastAPI docs_src/query_param_models/tutorial002: a query model that forbids other parameters (v.strictObject).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const FilterParams = v.strictObject({
  limit: v.optional(v.pipe(v.number(), v.integer(), v.gtValue(0), v.maxValue(100)), 100),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  order_by: v.optional(v.picklist(['created_at', 'updated_at']), 'created_at'),
  tags: v.optional(v.array(v.string()), () => []),
})

const readItems = route.get('/items/', { query: FilterParams }, ({ query }) => query)

export const app = createApp({ routes: [readItems] })
