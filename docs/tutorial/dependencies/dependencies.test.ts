// FastAPI tests/test_tutorial/test_dependencies, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'
import { app as app008b } from './tutorial008b'
import { app as app008c } from './tutorial008c'
import { app as app008d } from './tutorial008d'
import { app as app008e } from './tutorial008e'
import { app as app011 } from './tutorial011'
import { app as app012 } from './tutorial012'

conformance('dependencies/tutorial001', app001, [
  { request: ['GET', '/items/'], status: 200, body: { q: null, skip: 0, limit: 100 } },
  { request: ['GET', '/items/?q=foo'], status: 200, body: { q: 'foo', skip: 0, limit: 100 } },
  {
    request: ['GET', '/items/?q=foo&skip=5'],
    status: 200,
    body: { q: 'foo', skip: 5, limit: 100 },
  },
  {
    request: ['GET', '/items/?q=foo&skip=5&limit=30'],
    status: 200,
    body: { q: 'foo', skip: 5, limit: 30 },
  },
  { request: ['GET', '/users/'], status: 200, body: { q: null, skip: 0, limit: 100 } },
])

const foo = { item_name: 'Foo' }
const bar = { item_name: 'Bar' }
const baz = { item_name: 'Baz' }

conformance('dependencies/tutorial002', app002, [
  { request: ['GET', '/items/'], status: 200, body: { items: [foo, bar, baz] } },
  { request: ['GET', '/items/?q=foo'], status: 200, body: { items: [foo, bar, baz], q: 'foo' } },
  { request: ['GET', '/items/?q=foo&skip=1'], status: 200, body: { items: [bar, baz], q: 'foo' } },
  { request: ['GET', '/items/?q=bar&limit=2'], status: 200, body: { items: [foo, bar], q: 'bar' } },
  {
    request: ['GET', '/items/?q=bar&skip=1&limit=1'],
    status: 200,
    body: { items: [bar], q: 'bar' },
  },
  {
    request: ['GET', '/items/?limit=1&q=bar&skip=1'],
    status: 200,
    body: { items: [bar], q: 'bar' },
  },
])

conformance('dependencies/tutorial005', app005, [
  {
    request: ['GET', '/items/', { headers: { cookie: 'last_query=from_cookie' } }],
    status: 200,
    body: { q_or_cookie: 'from_cookie' },
  },
  {
    request: ['GET', '/items/?q=foo', { headers: { cookie: 'last_query=from_cookie' } }],
    status: 200,
    body: { q_or_cookie: 'foo' },
  },
  { request: ['GET', '/items/'], status: 200, body: { q_or_cookie: null } },
])

const missingHeaders = {
  detail: [
    { type: 'missing', loc: ['header', 'x-token'], msg: 'Field required', input: null },
    { type: 'missing', loc: ['header', 'x-key'], msg: 'Field required', input: null },
  ],
}
const valid = { 'X-Token': 'fake-super-secret-token', 'X-Key': 'fake-super-secret-key' }
const badKey = { 'X-Token': 'fake-super-secret-token', 'X-Key': 'invalid' }

conformance('dependencies/tutorial006', app006, [
  { request: ['GET', '/items/'], status: 422, body: missingHeaders },
  {
    request: ['GET', '/items/', { headers: { 'X-Token': 'invalid' } }],
    status: 400,
    body: { detail: 'X-Token header invalid' },
  },
  {
    request: ['GET', '/items/', { headers: badKey }],
    status: 400,
    body: { detail: 'X-Key header invalid' },
  },
  {
    request: ['GET', '/items/', { headers: valid }],
    status: 200,
    body: [{ item: 'Foo' }, { item: 'Bar' }],
  },
])

conformance('dependencies/tutorial008b', app008b, [
  { request: ['GET', '/items/foo'], status: 404, body: { detail: 'Item not found' } },
  { request: ['GET', '/items/plumbus'], status: 400, body: { detail: 'Owner error: Rick' } },
  {
    request: ['GET', '/items/portal-gun'],
    status: 200,
    body: { description: 'Gun to create portals', owner: 'Rick' },
  },
])

const onlyPlumbus = { detail: "Item not found, there's only a plumbus here" }

conformance('dependencies/tutorial008c', app008c, [
  { request: ['GET', '/items/foo'], status: 404, body: onlyPlumbus },
  { request: ['GET', '/items/plumbus'], status: 200, body: 'plumbus' },
  {
    request: ['GET', '/items/portal-gun'],
    status: 500,
    body: { detail: 'Internal Server Error' },
    differs: documented.serverError,
  },
])

conformance('dependencies/tutorial008d', app008d, [
  { request: ['GET', '/items/foo'], status: 404, body: onlyPlumbus },
  { request: ['GET', '/items/plumbus'], status: 200, body: 'plumbus' },
  {
    request: ['GET', '/items/portal-gun'],
    status: 500,
    body: { detail: 'Internal Server Error' },
    differs: documented.serverError,
  },
])

conformance('dependencies/tutorial008e', app008e, [
  { request: ['GET', '/users/me'], status: 200, body: 'Rick' },
])

conformance('dependencies/tutorial011', app011, [
  { request: ['GET', '/query-checker/'], status: 200, body: { fixed_content_in_query: false } },
  {
    request: ['GET', '/query-checker/?q=qwerty'],
    status: 200,
    body: { fixed_content_in_query: false },
  },
  {
    request: ['GET', '/query-checker/?q=foobar'],
    status: 200,
    body: { fixed_content_in_query: true },
  },
])

conformance('dependencies/tutorial012', app012, [
  { request: ['GET', '/items/'], status: 422, body: missingHeaders },
  { request: ['GET', '/users/'], status: 422, body: missingHeaders },
  {
    request: ['GET', '/items/', { headers: { 'X-Token': 'invalid' } }],
    status: 400,
    body: { detail: 'X-Token header invalid' },
  },
  {
    request: ['GET', '/users/', { headers: { 'X-Token': 'invalid' } }],
    status: 400,
    body: { detail: 'X-Token header invalid' },
  },
  {
    request: ['GET', '/items/', { headers: badKey }],
    status: 400,
    body: { detail: 'X-Key header invalid' },
  },
  {
    request: ['GET', '/users/', { headers: badKey }],
    status: 400,
    body: { detail: 'X-Key header invalid' },
  },
  {
    request: ['GET', '/items/', { headers: valid }],
    status: 200,
    body: [{ item: 'Portal Gun' }, { item: 'Plumbus' }],
  },
  {
    request: ['GET', '/users/', { headers: valid }],
    status: 200,
    body: [{ username: 'Rick' }, { username: 'Morty' }],
  },
])
