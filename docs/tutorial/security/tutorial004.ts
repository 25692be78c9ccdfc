// FastAPI docs_src/security/tutorial004: OAuth2 with password hashing and JWT bearer tokens.
import { createJwt, oauth2PasswordBearer, passwordForm } from '@sluice/auth'
import { verifyPassword } from '@sluice/auth/node'
import { createApp, depends, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

// to get a string like this run: openssl rand -hex 32
const SECRET_KEY = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'
const ACCESS_TOKEN_EXPIRE_MINUTES = 30

const User = v.object({
  username: v.string(),
  email: v.optional(v.nullable(v.string()), null),
  full_name: v.optional(v.nullable(v.string()), null),
  disabled: v.optional(v.nullable(v.boolean()), null),
})
type UserInDB = v.InferOutput<typeof User> & { hashed_password: string }

const fakeUsersDb: Record<string, UserInDB> = {
  johndoe: {
    username: 'johndoe',
    full_name: 'John Doe',
    email: 'johndoe@example.com',
    hashed_password:
      '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
    disabled: false,
  },
  alice: {
    username: 'alice',
    full_name: 'Alice Chains',
    email: 'alicechains@example.com',
    hashed_password:
      '$argon2id$v=19$m=65536,t=3,p=4$g2/AV1zwopqUntPKJavBFw$BwpRGDCyUHLvHICnwijyX8ROGoiUPwNKZ7915MeYfCE',
    disabled: true,
  },
}

/**
 * Verified when the user does not exist, so a login takes as long either way. Any hash of the
 * table's algorithm and cost will do (FastAPI hashes "dummypassword" at startup).
 */
const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc'

/** Signs and verifies the access tokens; `sub` is the user name. */
export const jwt = createJwt({
  algorithm: 'HS256',
  secret: SECRET_KEY,
  expiresIn: ACCESS_TOKEN_EXPIRE_MINUTES * 60,
  claims: v.object({ sub: v.string() }),
})

const oauth2Scheme = oauth2PasswordBearer({ tokenUrl: 'token' })

async function authenticateUser(username: string, password: string) {
  const user = fakeUsersDb[username]
  if (!user) {
    await verifyPassword(password, DUMMY_HASH)
    return undefined
  }
  return (await verifyPassword(password, user.hashed_password)) ? user : undefined
}

const credentialsException = () =>
  new HTTPException(401, 'Could not validate credentials', { 'WWW-Authenticate': 'Bearer' })

const getCurrentUser = depends({ token: oauth2Scheme }, async ({ token }) => {
  let username: string
  try {
    username = (await jwt.verify(token)).claims.sub
  } catch {
    throw credentialsException()
  }
  const user = fakeUsersDb[username]
  if (!user) throw credentialsException()
  return user
})

const getCurrentActiveUser = depends({ currentUser: getCurrentUser }, ({ currentUser }) => {
  if (currentUser.disabled) throw new HTTPException(400, 'Inactive user')
  return currentUser
})

const loginForAccessToken = route.post(
  '/token',
  { form: passwordForm, response: v.object({ access_token: v.string(), token_type: v.string() }) },
  async ({ form }) => {
    const user = await authenticateUser(form.username, form.password)
    if (!user) {
      throw new HTTPException(401, 'Incorrect username or password', {
        'WWW-Authenticate': 'Bearer',
      })
    }
    const accessToken = await jwt.sign({ sub: user.username })
    return { access_token: accessToken, token_type: 'bearer' }
  },
)

const readUsersMe = route.get(
  '/users/me/',
  { deps: { currentUser: getCurrentActiveUser }, response: User },
  ({ currentUser }) => currentUser,
)

const readOwnItems = route.get(
  '/users/me/items/',
  { deps: { currentUser: getCurrentActiveUser } },
  ({ currentUser }) => [{ item_id: 'Foo', owner: currentUser.username }],
)

export const app = createApp({
  routes: [loginForAccessToken, readUsersMe, readOwnItems],
})
