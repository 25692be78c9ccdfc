// FastAPI tests/test_tutorial/test_security, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'
import { app as app004, jwt as jwt004 } from './tutorial004'
import { app as app005, jwt as jwt005 } from './tutorial005'
import { app as app006 } from './tutorial006'
import { app as app007 } from './tutorial007'

const notAuthenticated = {
  status: 401,
  body: { detail: 'Not authenticated' },
  headers: { 'www-authenticate': 'Bearer' },
}
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })

conformance('security/tutorial001', app001, [
  { request: ['GET', '/items/'], ...notAuthenticated },
  { request: ['GET', '/items/', bearer('testtoken')], status: 200, body: { token: 'testtoken' } },
  {
    request: ['GET', '/items/', { headers: { Authorization: 'Notexistent testtoken' } }],
    ...notAuthenticated,
  }, // FastAPI 0.142.2 answers 200 {"token": ""} to an empty token.
  { request: ['GET', '/items/', bearer('')], ...notAuthenticated, differs: documented.emptyBearer },
])

conformance('security/tutorial002', app002, [
  { request: ['GET', '/users/me'], ...notAuthenticated },
  {
    request: ['GET', '/users/me', bearer('testtoken')],
    status: 200,
    body: {
      username: 'testtokenfakedecoded',
      email: 'john@example.com',
      full_name: 'John Doe',
      disabled: null,
    },
  },
])

conformance('security/tutorial003', app003, [
  {
    request: ['POST', '/token', { form: { username: 'johndoe', password: 'secret' } }],
    status: 200,
    body: { access_token: 'johndoe', token_type: 'bearer' },
  },
  {
    request: ['POST', '/token', { form: { username: 'johndoe', password: 'incorrect' } }],
    status: 400,
    body: { detail: 'Incorrect username or password' },
  },
  {
    request: ['POST', '/token', { form: { username: 'foo', password: 'secret' } }],
    status: 400,
    body: { detail: 'Incorrect username or password' },
  },
  { request: ['GET', '/users/me'], ...notAuthenticated },
  {
    request: ['GET', '/users/me', bearer('johndoe')],
    status: 200,
    body: {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      hashed_password: 'fakehashedsecret',
      disabled: false,
    },
  },
  { request: ['GET', '/users/me', bearer('nonexistent')], ...notAuthenticated },
  {
    request: ['GET', '/users/me', { headers: { Authorization: 'Notexistent testtoken' } }],
    ...notAuthenticated,
  },
  {
    request: ['GET', '/users/me', bearer('alice')],
    status: 400,
    body: { detail: 'Inactive user' },
  },
])

const basic = (username: string, password: string) => ({
  headers: { Authorization: `Basic ${btoa(`${username}:${password}`)}` },
})
const basicRefused = {
  status: 401,
  body: { detail: 'Not authenticated' },
  headers: { 'www-authenticate': 'Basic' },
}
const notBase64 = { headers: { Authorization: 'Basic notabase64token' } }
const noColon = { headers: { Authorization: `Basic ${btoa('johnsecret')}` } }

conformance('security/tutorial006', app006, [
  {
    request: ['GET', '/users/me', basic('john', 'secret')],
    status: 200,
    body: { username: 'john', password: 'secret' },
  },
  { request: ['GET', '/users/me'], ...basicRefused },
  { request: ['GET', '/users/me', notBase64], ...basicRefused },
  { request: ['GET', '/users/me', noColon], ...basicRefused },
])

const incorrect = {
  status: 401,
  body: { detail: 'Incorrect username or password' },
  headers: { 'www-authenticate': 'Basic' },
}

conformance('security/tutorial007', app007, [
  {
    request: ['GET', '/users/me', basic('stanleyjobson', 'swordfish')],
    status: 200,
    body: { username: 'stanleyjobson' },
  },
  { request: ['GET', '/users/me'], ...basicRefused },
  { request: ['GET', '/users/me', notBase64], ...basicRefused },
  { request: ['GET', '/users/me', noColon], ...basicRefused },
  { request: ['GET', '/users/me', basic('alice', 'swordfish')], ...incorrect },
  { request: ['GET', '/users/me', basic('stanleyjobson', 'wrongpassword')], ...incorrect },
])

const johndoe = await jwt004.sign({ sub: 'johndoe' })
const alice = await jwt004.sign({ sub: 'alice' })
const badCredentials = {
  status: 401,
  body: { detail: 'Could not validate credentials' },
  headers: { 'www-authenticate': 'Bearer' },
}
const loginRefused = {
  status: 401,
  body: { detail: 'Incorrect username or password' },
  headers: { 'www-authenticate': 'Bearer' },
}
// FastAPI's own tokens: without `sub`, with an unknown user; both also lack `exp`, which Sluice requires.
const noSub =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjoiZm9vIn0.9ynBhuYb4e6aW3oJr_K_TBgwcMTDpRToQIE25L57rOE'
const unknownUser =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw'

conformance('security/tutorial004', app004, [
  {
    request: ['POST', '/token', { form: { username: 'johndoe', password: 'secret' } }],
    status: 200,
    contains: ['"access_token":', '"token_type":"bearer"'],
  },
  {
    request: ['POST', '/token', { form: { username: 'johndoe', password: 'incorrect' } }],
    ...loginRefused,
  },
  {
    request: ['POST', '/token', { form: { username: 'foo', password: 'secret' } }],
    ...loginRefused,
  },
  { request: ['GET', '/users/me/'], ...notAuthenticated },
  {
    request: ['GET', '/users/me/', bearer(johndoe)],
    status: 200,
    body: {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      disabled: false,
    },
  },
  { request: ['GET', '/users/me/', bearer('nonexistent')], ...badCredentials },
  {
    request: ['GET', '/users/me/', { headers: { Authorization: 'Notexistent testtoken' } }],
    ...notAuthenticated,
  },
  { request: ['GET', '/users/me/', bearer(noSub)], ...badCredentials },
  { request: ['GET', '/users/me/', bearer(unknownUser)], ...badCredentials },
  { request: ['GET', '/users/me/', bearer(alice)], status: 400, body: { detail: 'Inactive user' } },
  {
    request: ['GET', '/users/me/items/', bearer(johndoe)],
    status: 200,
    body: [{ item_id: 'Foo', owner: 'johndoe' }],
  },
])

/** What FastAPI's tests get from POST /token: tokens for a user with the scopes asked for. */
const token = (sub: string, scope = '') =>
  jwt005.sign({ sub }, { scopes: scope.split(' ').filter(Boolean) })
const [me, none, meAndItems, aliceMe] = await Promise.all([
  token('johndoe', 'me'),
  token('johndoe'),
  token('johndoe', 'me items'),
  token('alice', 'me'),
])
const couldNotValidate = {
  status: 401,
  body: { detail: 'Could not validate credentials' },
  headers: { 'www-authenticate': 'Bearer scope="me"' },
}

conformance('security/tutorial005', app005, [
  {
    request: ['POST', '/token', { form: { username: 'johndoe', password: 'secret' } }],
    status: 200,
    contains: ['"access_token":', '"token_type":"bearer"'],
  },
  {
    request: ['POST', '/token', { form: { username: 'johndoe', password: 'incorrect' } }],
    status: 400,
    body: { detail: 'Incorrect username or password' },
  },
  {
    request: ['POST', '/token', { form: { username: 'foo', password: 'secret' } }],
    status: 400,
    body: { detail: 'Incorrect username or password' },
  },
  { request: ['GET', '/users/me/'], ...notAuthenticated },
  {
    request: ['GET', '/users/me/', bearer(me)],
    status: 200,
    body: {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      disabled: false,
    },
  },
  { request: ['GET', '/users/me/', bearer('nonexistent')], ...couldNotValidate },
  {
    request: ['GET', '/users/me/', { headers: { Authorization: 'Notexistent testtoken' } }],
    ...notAuthenticated,
  },
  {
    request: [
      'GET',
      '/users/me/',
      bearer(
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjoiZm9vIn0.9ynBhuYb4e6aW3oJr_K_TBgwcMTDpRToQIE25L57rOE',
      ),
    ],
    ...couldNotValidate,
  },
  {
    request: [
      'GET',
      '/users/me/',
      bearer(
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw',
      ),
    ],
    ...couldNotValidate,
  },
  {
    request: ['GET', '/users/me/', bearer(none)],
    ...couldNotValidate,
    body: { detail: 'Not enough permissions' },
  },
  {
    request: ['GET', '/users/me/', bearer(aliceMe)],
    status: 400,
    body: { detail: 'Inactive user' },
  },
  {
    request: ['GET', '/users/me/items/', bearer(meAndItems)],
    status: 200,
    body: [{ item_id: 'Foo', owner: 'johndoe' }],
  },
  { request: ['GET', '/status/', bearer(none)], status: 200, body: { status: 'ok' } },
  { request: ['GET', '/status/'], ...notAuthenticated },
])
