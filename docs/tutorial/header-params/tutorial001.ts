// FastAPI docs_src/header_params/tutorial001: a header read by its field name, `user_agent` → `User-Agent`.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { headers: v.object({ user_agent: v.optional(v.string()) }) },
  ({ headers }) => ({ 'User-Agent': headers.user_agent ?? null }),
)

export const app = createApp({ routes: [readItems] })
