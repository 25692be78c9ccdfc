// FastAPI tests/test_tutorial/test_bigger_applications, request by request.
import { conformance, documented } from '../conformance'
import { app } from './main'

const missing = (loc: string[]) => ({ type: 'missing', loc, msg: 'Field required', input: null })
const noToken = { detail: [missing(['query', 'token'])] }
const xToken = { headers: { 'X-Token': 'fake-super-secret-token' } }
const badXToken = { headers: { 'X-Token': 'invalid' } }

conformance('bigger_applications/main', app, [
  {
    request: ['GET', '/users/?token=jessica'],
    status: 200,
    body: [{ username: 'Rick' }, { username: 'Morty' }],
  },
  { request: ['GET', '/users/'], status: 422, body: noToken },
  { request: ['GET', '/users/foo?token=jessica'], status: 200, body: { username: 'foo' } },
  { request: ['GET', '/users/foo'], status: 422, body: noToken },
  {
    request: ['GET', '/users/me?token=jessica'],
    status: 200,
    body: { username: 'fakecurrentuser' },
  },
  { request: ['GET', '/users/me'], status: 422, body: noToken },
  {
    request: ['GET', '/users/?token=monica'],
    status: 400,
    body: { detail: 'No Jessica token provided' },
  },
  {
    request: ['GET', '/items/?token=jessica', xToken],
    status: 307,
    differs: documented.prefixSlash,
    headers: { location: 'http://localhost/items?token=jessica' },
    text: '',
  },
  {
    request: ['GET', '/items/', xToken],
    status: 307,
    differs: documented.prefixSlash,
    headers: { location: 'http://localhost/items' },
    text: '',
  },
  {
    request: ['GET', '/items/plumbus?token=jessica', xToken],
    status: 200,
    body: { name: 'Plumbus', item_id: 'plumbus' },
  },
  {
    request: ['GET', '/items/bar?token=jessica', xToken],
    status: 404,
    body: { detail: 'Item not found' },
  },
  { request: ['GET', '/items/plumbus', xToken], status: 422, body: noToken },
  {
    request: ['GET', '/items/?token=jessica', badXToken],
    status: 307,
    differs: documented.prefixSlash,
    headers: { location: 'http://localhost/items?token=jessica' },
    text: '',
  },
  {
    request: ['GET', '/items/bar?token=jessica', badXToken],
    status: 400,
    body: { detail: 'X-Token header invalid' },
  },
  {
    request: ['GET', '/items/?token=jessica'],
    status: 307,
    differs: documented.prefixSlash,
    headers: { location: 'http://localhost/items?token=jessica' },
    text: '',
  },
  {
    request: ['GET', '/items/plumbus?token=jessica'],
    status: 422,
    body: { detail: [missing(['header', 'x-token'])] },
  },
  {
    request: ['GET', '/?token=jessica'],
    status: 200,
    body: { message: 'Hello Bigger Applications!' },
  },
  { request: ['GET', '/'], status: 422, body: noToken },
  {
    request: ['PUT', '/items/foo'],
    status: 422,
    body: { detail: [missing(['query', 'token']), missing(['header', 'x-token'])] },
  },
  // The query token is missing, but the header dependency runs and refuses first, as in FastAPI.
  {
    request: ['PUT', '/items/foo', badXToken],
    status: 400,
    body: { detail: 'X-Token header invalid' },
  },
  {
    request: ['PUT', '/items/plumbus?token=jessica', xToken],
    status: 200,
    body: { item_id: 'plumbus', name: 'The great Plumbus' },
  },
  {
    request: ['PUT', '/items/bar?token=jessica', xToken],
    status: 403,
    body: { detail: 'You can only update the item: plumbus' },
  },
  {
    request: ['POST', '/admin/?token=jessica', xToken],
    status: 307,
    differs: documented.prefixSlash,
    headers: { location: 'http://localhost/admin?token=jessica' },
    text: '',
  },
  {
    request: ['POST', '/admin/', badXToken],
    status: 307,
    differs: documented.prefixSlash,
    headers: { location: 'http://localhost/admin' },
    text: '',
  },
  // FastAPI's tests ask for /users and /items: its client follows the redirect to the trailing slash.
  {
    request: ['GET', '/users?token=jessica'],
    status: 307,
    headers: { location: 'http://localhost/users/?token=jessica' },
  },
])
