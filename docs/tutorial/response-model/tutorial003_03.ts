// FastAPI docs_src/response_model/tutorial003_03: a route that always redirects.
import { createApp, route } from '@sluice/core'

const getTeleport = route.get('/teleport', {}, ({ c }) =>
  c.redirect('https://www.youtube.com/watch?v=dQw4w9WgXcQ', 307),
)

export const app = createApp({ routes: [getTeleport] })
