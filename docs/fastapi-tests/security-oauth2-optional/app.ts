// Sluice port of FastAPI tests/test_security_oauth2_optional.py (app.py).
import { oauth2, strictPasswordForm } from '@sluice/auth'
import { createApp, depends, route } from '@sluice/core'

const reusableOAuth2 = oauth2({
  flows: {
    password: {
      tokenUrl: 'token',
      scopes: { 'read:users': 'Read the users', 'write:users': 'Create users' },
    },
  },
  optional: true,
})

const currentUser = depends({ header: reusableOAuth2 }, ({ header }) =>
  header === undefined ? undefined : { username: header },
)

const login = route.post('/login', { form: strictPasswordForm }, ({ form }) => ({
  grant_type: form.grant_type,
  username: form.username,
  password: form.password,
  scopes: form.scope,
  client_id: form.client_id ?? null,
  client_secret: form.client_secret ?? null,
}))

const readUsersMe = route.get('/users/me', { deps: { currentUser } }, ({ currentUser }) =>
  currentUser === undefined ? { msg: 'Create an account first' } : currentUser,
)

export const app = createApp({ routes: [login, readUsersMe] })
