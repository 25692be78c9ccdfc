// FastAPI docs_src/security/tutorial001: OAuth2 password bearer — the token from `Authorization: Bearer …`.
import { oauth2PasswordBearer } from '@sluice/auth'
import { createApp, route } from '@sluice/core'

const oauth2Scheme = oauth2PasswordBearer({ tokenUrl: 'token' })

const readItems = route.get('/items/', { deps: { token: oauth2Scheme } }, ({ token }) => ({
  token,
}))

export const app = createApp({ routes: [readItems] })
