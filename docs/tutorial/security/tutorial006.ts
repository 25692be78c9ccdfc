// FastAPI docs_src/security/tutorial006: HTTP Basic credentials (this one sends the password back: a demo only).
import { httpBasic } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const security = httpBasic()

const readCurrentUser = route.get(
  '/users/me',
  { deps: { credentials: security } },
  ({ credentials }) => ({
    username: credentials.username,
    password: credentials.password,
  }),
)

export const app = createApp({ routes: [readCurrentUser] })
