// FastAPI docs_src/header_params/tutorial003: a repeated header fills a list.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { headers: v.object({ x_token: v.optional(v.array(v.string())) }) },
  ({ headers }) => ({ 'X-Token values': headers.x_token ?? null }),
)

export const app = createApp({ routes: [readItems] })
