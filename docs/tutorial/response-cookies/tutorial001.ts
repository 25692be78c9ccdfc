// FastAPI docs_src/response_cookies/tutorial001: a cookie set on a response built directly.
import { createApp, route } from '@sluice/core'
import { setCookie } from 'hono/cookie'

const createCookie = route.post('/cookie/', {}, ({ c }) => {
  // Hono's context collects the headers, so the cookie is set before the response is built.
  setCookie(c, 'fakesession', 'fake-cookie-session-value', { path: '/', sameSite: 'Lax' })
  return c.json({ message: 'Come to the dark side, we have cookies' })
})

export const app = createApp({ routes: [createCookie] })
