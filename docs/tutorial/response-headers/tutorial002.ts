// FastAPI docs_src/response_headers/tutorial002: headers added to the response of a plain returned value.
import { createApp, route } from '@sluice/core'

const getHeaders = route.get('/headers-and-object/', {}, ({ c }) => {
  c.header('X-Cat-Dog', 'alone in the world')
  return { message: 'Hello World' }
})

export const app = createApp({ routes: [getHeaders] })
