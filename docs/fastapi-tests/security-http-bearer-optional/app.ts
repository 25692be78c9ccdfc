// Sluice port of FastAPI tests/test_security_http_bearer_optional.py (app.py). Sluice's httpBearer
// hands over the token alone; its scheme is always Bearer.
import { httpBearer } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const security = httpBearer({ optional: true })

const readCurrentUser = route.get(
  '/users/me',
  { deps: { credentials: security } },
  ({ credentials }) =>
    credentials === undefined
      ? { msg: 'Create an account first' }
      : { scheme: 'Bearer', credentials },
)

export const app = createApp({ routes: [readCurrentUser] })
