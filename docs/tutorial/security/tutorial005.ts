// FastAPI docs_src/security/tutorial005: OAuth2 scopes — JWT access tokens carry scopes, routes require them.
import { createJwt, oauth2PasswordBearer, passwordForm } from '@sluice/auth'
import { verifyPassword } from '@sluice/auth/node'
import { createApp, depends, HTTPException, requireScopes, route } from '@sluice/core'
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

/** Signs and verifies the access tokens; `sub` is the user name, `scope` the granted scopes. */
export const jwt = createJwt({
  algorithm: 'HS256',
  secret: SECRET_KEY,
  expiresIn: ACCESS_TOKEN_EXPIRE_MINUTES * 60,
  claims: v.object({ sub: v.string(), scope: v.optional(v.string(), '') }),
})

const oauth2Scheme = oauth2PasswordBearer({
  tokenUrl: 'token',
  scopes: { me: 'Read information about the current user.', items: 'Read items.' },
})

async function authenticateUser(username: string, password: string) {
  const user = fakeUsersDb[username]
  if (!user) {
    await verifyPassword(password, DUMMY_HASH)
    return undefined
  }
  return (await verifyPassword(password, user.hashed_password)) ? user : undefined
}

/** FastAPI's `Security(get_current_user, scopes=[…])`: `scopes` lists what the route requires. */
const getCurrentUser = depends({ token: oauth2Scheme }, async ({ token }, { scopes }) => {
  const authenticateValue = scopes.length ? `Bearer scope="${scopes.join(' ')}"` : 'Bearer'
  const refuse = (detail: string) =>
    new HTTPException(401, detail, { 'WWW-Authenticate': authenticateValue })
  let claims: { sub: string; scope: string }
  try {
    claims = (await jwt.verify(token)).claims
  } catch {
    throw refuse('Could not validate credentials')
  }
  const user = fakeUsersDb[claims.sub]
  if (!user) throw refuse('Could not validate credentials')
  const granted = claims.scope.split(' ')
  if (!scopes.every((scope) => granted.includes(scope))) throw refuse('Not enough permissions')
  return user
})

const getCurrentActiveUser = depends(
  { currentUser: requireScopes(getCurrentUser, ['me']) },
  ({ currentUser }) => {
    if (currentUser.disabled) throw new HTTPException(400, 'Inactive user')
    return currentUser
  },
)

const loginForAccessToken = route.post(
  '/token',
  { form: passwordForm, response: v.object({ access_token: v.string(), token_type: v.string() }) },
  async ({ form }) => {
    const user = await authenticateUser(form.username, form.password)
    if (!user) throw new HTTPException(400, 'Incorrect username or password')
    const accessToken = await jwt.sign({ sub: user.username }, { scopes: form.scope })
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
  { deps: { currentUser: requireScopes(getCurrentActiveUser, ['items']) } },
  ({ currentUser }) => [{ item_id: 'Foo', owner: currentUser.username }],
)

const readSystemStatus = route.get('/status/', { deps: { currentUser: getCurrentUser } }, () => ({
  status: 'ok',
}))

export const app = createApp({
  routes: [loginForAccessToken, readUsersMe, readOwnItems, readSystemStatus],
})
