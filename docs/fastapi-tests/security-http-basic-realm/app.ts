// Sluice port of FastAPI tests/test_security_http_basic_realm.py (app.py).
import { httpBasic } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const security = httpBasic({ realm: 'simple' })

const readCurrentUser = route.get(
  '/users/me',
  { deps: { credentials: security } },
  ({ credentials }) => ({ username: credentials.username, password: credentials.password }),
)

export const app = createApp({ routes: [readCurrentUser] })
