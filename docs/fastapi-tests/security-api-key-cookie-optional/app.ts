// Sluice port of FastAPI tests/test_security_api_key_cookie_optional.py (app.py).
import { apiKey } from '@sluice/auth'
import { createApp, depends, route } from '@sluice/core'

const key = apiKey({ in: 'cookie', name: 'key', optional: true })

const currentUser = depends({ key }, ({ key }) =>
  key === undefined ? undefined : { username: key },
)

const readCurrentUser = route.get('/users/me', { deps: { currentUser } }, ({ currentUser }) =>
  currentUser === undefined ? { msg: 'Create an account first' } : currentUser,
)

export const app = createApp({ routes: [readCurrentUser] })
