// Sluice port of FastAPI tests/test_security_http_bearer.py (app.py). Sluice's httpBearer hands
// over the token alone; its scheme is always Bearer.
import { httpBearer } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const security = httpBearer()

const readCurrentUser = route.get(
  '/users/me',
  { deps: { credentials: security } },
  ({ credentials }) => ({ scheme: 'Bearer', credentials }),
)

export const app = createApp({ routes: [readCurrentUser] })
