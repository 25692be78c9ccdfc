// FastAPI docs_src/response_cookies/tutorial002: a cookie set on the response of a plain returned value.
import { createApp, route } from '@sluice/core'
import { setCookie } from 'hono/cookie'

const createCookie = route.post('/cookie-and-object/', {}, ({ c }) => {
  setCookie(c, 'fakesession', 'fake-cookie-session-value', { path: '/', sameSite: 'Lax' })
  return { message: 'Come to the dark side, we have cookies' }
})

export const app = createApp({ routes: [createCookie] })
