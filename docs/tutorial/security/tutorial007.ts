// FastAPI docs_src/security/tutorial007: HTTP Basic with the user name and password compared in constant time.
import { httpBasic, timingSafeEqual } from '@sluice/auth'
import { createApp, depends, HTTPException, route } from '@sluice/core'

const security = httpBasic()
const utf8 = (text: string) => new TextEncoder().encode(text)

const getCurrentUsername = depends({ credentials: security }, ({ credentials }) => {
  // Both comparisons run, whatever the first one finds, so the time taken tells nothing.
  const isCorrectUsername = timingSafeEqual(utf8(credentials.username), utf8('stanleyjobson'))
  const isCorrectPassword = timingSafeEqual(utf8(credentials.password), utf8('swordfish'))
  if (!(isCorrectUsername && isCorrectPassword)) {
    throw new HTTPException(401, 'Incorrect username or password', { 'WWW-Authenticate': 'Basic' })
  }
  return credentials.username
})

const readCurrentUser = route.get(
  '/users/me',
  { deps: { username: getCurrentUsername } },
  ({ username }) => ({
    username,
  }),
)

export const app = createApp({ routes: [readCurrentUser] })
