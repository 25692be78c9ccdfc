// FastAPI docs_src/header_params/tutorial002: `convertUnderscores: false` reads the header `strange_header` itself.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItems = route.get(
  '/items/',
  {
    headers: v.object({
      strange_header: v.optional(v.pipe(v.string(), v.metadata({ convertUnderscores: false }))),
    }),
  },
  ({ headers }) => ({ strange_header: headers.strange_header ?? null }),
)

export const app = createApp({ routes: [readItems] })
