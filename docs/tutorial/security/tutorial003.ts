// FastAPI docs_src/security/tutorial003: simple OAuth2 with a password form and (fake) hashed passwords.
import { oauth2PasswordBearer, passwordForm } from '@sluice/auth'
import { createApp, depends, HTTPException, route } from '@sluice/core'

interface UserInDB {
  username: string
  full_name: string
  email: string
  hashed_password: string
  disabled: boolean
}

const fakeUsersDb: Record<string, UserInDB> = {
  johndoe: {
    username: 'johndoe',
    full_name: 'John Doe',
    email: 'johndoe@example.com',
    hashed_password: 'fakehashedsecret',
    disabled: false,
  },
  alice: {
    username: 'alice',
    full_name: 'Alice Wonderson',
    email: 'alice@example.com',
    hashed_password: 'fakehashedsecret2',
    disabled: true,
  },
}

const fakeHashPassword = (password: string) => `fakehashed${password}`

const oauth2Scheme = oauth2PasswordBearer({ tokenUrl: 'token' })

// This doesn't provide any security at all: the token is the user name. See tutorial004.
const getCurrentUser = depends({ token: oauth2Scheme }, ({ token }) => {
  const user = fakeUsersDb[token]
  if (!user) throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' })
  return user
})

const getCurrentActiveUser = depends({ currentUser: getCurrentUser }, ({ currentUser }) => {
  if (currentUser.disabled) throw new HTTPException(400, 'Inactive user')
  return currentUser
})

const login = route.post('/token', { form: passwordForm }, ({ form }) => {
  const user = fakeUsersDb[form.username]
  if (!user || fakeHashPassword(form.password) !== user.hashed_password) {
    throw new HTTPException(400, 'Incorrect username or password')
  }
  return { access_token: user.username, token_type: 'bearer' }
})

const readUsersMe = route.get(
  '/users/me',
  { deps: { currentUser: getCurrentActiveUser } },
  ({ currentUser }) => currentUser,
)

export const app = createApp({ routes: [login, readUsersMe] })
