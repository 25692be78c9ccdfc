// FastAPI docs_src/response_headers/tutorial001: a response built directly, with headers.
import { createApp, route } from '@sluice/core'

const getHeaders = route.get('/headers/', {}, () =>
  Response.json(
    { message: 'Hello World' },
    { headers: { 'X-Cat-Dog': 'alone in the world', 'Content-Language': 'en-US' } },
  ),
)

export const app = createApp({ routes: [getHeaders] })
