// FastAPI docs_src/custom_response/tutorial007: a streamed response (Hono's `stream` helper).
import { createApp, route } from '@sluice/core'
import { stream } from 'hono/streaming'

const fakeVideoBytes = new TextEncoder().encode('some fake video bytes')

const main = route.get('/', {}, ({ c }) =>
  stream(c, async (out) => {
    for (let i = 0; i < 10; i++) await out.write(fakeVideoBytes)
  }),
)

export const app = createApp({ routes: [main] })
