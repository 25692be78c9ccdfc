// FastAPI docs_src/cookie_params/tutorial001: an optional cookie.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { cookies: v.object({ ads_id: v.optional(v.string()) }) },
  ({ cookies }) => ({ ads_id: cookies.ads_id ?? null }),
)

export const app = createApp({ routes: [readItems] })
