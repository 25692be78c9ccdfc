// FastAPI docs_src/header_params/tutorial002: `convert_underscores=False` reads the header `strange_header` itself.
// Sluice always reads `strange_header` as `strange-header`: there is no option to keep the underscore.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  { headers: v.object({ strange_header: v.optional(v.string()) }) },
  ({ headers }) => ({ strange_header: headers.strange_header ?? null }),
)

export const app = createApp({ routes: [readItems] })
