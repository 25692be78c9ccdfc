// Sluice port of FastAPI tests/test_security_http_basic_optional.py (app.py).
import { httpBasic } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const security = httpBasic({ optional: true })

const readCurrentUser = route.get(
  '/users/me',
  { deps: { credentials: security } },
  ({ credentials }) =>
    credentials
      ? { username: credentials.username, password: credentials.password }
      : { msg: 'Create an account first' },
)

export const app = createApp({ routes: [readCurrentUser] })
