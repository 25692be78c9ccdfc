// FastAPI docs_src/response_model/tutorial003_02: returning a Response (here a redirect) directly.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const getPortal = route.get(
  '/portal',
  { query: v.object({ teleport: v.optional(v.boolean(), false) }) },
  ({ query, c }) => {
    if (query.teleport) return c.redirect('https://www.youtube.com/watch?v=dQw4w9WgXcQ', 307)
    return c.json({ message: "Here's your interdimensional portal." })
  },
)

export const app = createApp({ routes: [getPortal] })
