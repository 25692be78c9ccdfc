// FastAPI docs_src/response_cookies/tutorial002: a cookie set on the response of a plain returned value.
import { createApp, route } from '@sluice/core'

const createCookie = route.post('/cookie-and-object/', {}, ({ response }) => {
  // FastAPI's defaults: Path=/, SameSite=Lax.
  response.setCookie('fakesession', 'fake-cookie-session-value')
  return { message: 'Come to the dark side, we have cookies' }
})

export const app = createApp({ routes: [createCookie] })
