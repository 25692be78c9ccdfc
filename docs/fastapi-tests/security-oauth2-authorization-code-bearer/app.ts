// Sluice port of FastAPI tests/test_security_oauth2_authorization_code_bearer.py (app.py). Its
// test client follows the redirect from /items to /items/; the replay asks for both.
import { oauth2AuthorizationCodeBearer } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const oauth2Scheme = oauth2AuthorizationCodeBearer({
  authorizationUrl: 'authorize',
  tokenUrl: 'token',
})

const readItems = route.get('/items/', { deps: { token: oauth2Scheme } }, ({ token }) => ({
  token,
}))

export const app = createApp({ routes: [readItems] })
