// Sluice port of FastAPI tests/test_security_api_key_header.py (app.py).
import { apiKey } from '@sluice/auth'
import { createApp, depends, route } from '@sluice/core'

const key = apiKey({ in: 'header', name: 'key' })

const currentUser = depends({ key }, ({ key }) => ({ username: key }))

const readCurrentUser = route.get(
  '/users/me',
  { deps: { currentUser } },
  ({ currentUser }) => currentUser,
)

export const app = createApp({ routes: [readCurrentUser] })
