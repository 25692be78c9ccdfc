// FastAPI tests/test_tutorial/test_query_params_str_validations, request by request.
import { conformance } from '../conformance'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'
import { app as app006c } from './tutorial006c'
import { app as app009 } from './tutorial009'
import { app as app010 } from './tutorial010'
import { app as app011 } from './tutorial011'
import { app as app012 } from './tutorial012'
import { app as app013 } from './tutorial013'
import { app as app014 } from './tutorial014'
import { app as app015 } from './tutorial015'

const items = [{ item_id: 'Foo' }, { item_id: 'Bar' }]
const issue = (type: string, msg: string, input: string, ctx: object, loc = ['query', 'q']) => ({
  detail: [{ type, loc, msg, input, ctx }],
})
const tooShort = (input: string) =>
  issue('string_too_short', 'String should have at least 3 characters', input, { min_length: 3 })
const tooLong = (input: string) =>
  issue('string_too_long', 'String should have at most 50 characters', input, { max_length: 50 })
const mismatch = (input: string, loc?: string[]) =>
  issue(
    'string_pattern_mismatch',
    "String should match pattern '^fixedquery$'",
    input,
    { pattern: '^fixedquery$' },
    loc,
  )

conformance('query_params_str_validations/tutorial002', app002, [
  { request: ['GET', '/items/'], status: 200, body: { items } },
  { request: ['GET', '/items/?q='], status: 200, body: { items } },
  { request: ['GET', '/items/?q=query'], status: 200, body: { items, q: 'query' } },
  {
    request: ['GET', `/items/?q=${'q'.repeat(51)}`],
    status: 422,
    body: tooLong('q'.repeat(51)),
  },
])

conformance('query_params_str_validations/tutorial003', app003, [
  { request: ['GET', '/items/'], status: 200, body: { items } },
  { request: ['GET', '/items/?q=query'], status: 200, body: { items, q: 'query' } },
  {
    request: ['GET', '/items/?q=qu'],
    status: 422,
    body: tooShort('qu'),
  },
  {
    request: ['GET', `/items/?q=${'q'.repeat(51)}`],
    status: 422,
    body: tooLong('q'.repeat(51)),
  },
])

conformance('query_params_str_validations/tutorial004', app004, [
  { request: ['GET', '/items/'], status: 200, body: { items } },
  { request: ['GET', '/items/?q=fixedquery'], status: 200, body: { items, q: 'fixedquery' } },
  {
    request: ['GET', '/items/?q=nonregexquery'],
    status: 422,
    body: mismatch('nonregexquery'),
  },
])

conformance('query_params_str_validations/tutorial005', app005, [
  { request: ['GET', '/items/'], status: 200, body: { items, q: 'fixedquery' } },
  { request: ['GET', '/items/?q=query'], status: 200, body: { items, q: 'query' } },
  {
    request: ['GET', '/items/?q=fa'],
    status: 422,
    body: tooShort('fa'),
  },
])

conformance('query_params_str_validations/tutorial006', app006, [
  {
    request: ['GET', '/items/'],
    status: 422,
    body: {
      detail: [{ type: 'missing', loc: ['query', 'q'], msg: 'Field required', input: null }],
    },
  },
  { request: ['GET', '/items/?q=fixedquery'], status: 200, body: { items, q: 'fixedquery' } },
  {
    request: ['GET', '/items/?q=fa'],
    status: 422,
    body: tooShort('fa'),
  },
])

conformance('query_params_str_validations/tutorial006c', app006c, [
  { request: ['GET', '/items/?q=query'], status: 200, body: { items, q: 'query' } },
  {
    request: ['GET', '/items/?q=fa'],
    status: 422,
    body: tooShort('fa'),
  },
])

conformance('query_params_str_validations/tutorial009', app009, [
  { request: ['GET', '/items/'], status: 200, body: { items } },
  {
    request: ['GET', '/items/?item-query=fixedquery'],
    status: 200,
    body: { items, q: 'fixedquery' },
  },
  { request: ['GET', '/items/?q=fixedquery'], status: 200, body: { items } },
])

conformance('query_params_str_validations/tutorial010', app010, [
  { request: ['GET', '/items/'], status: 200, body: { items } },
  {
    request: ['GET', '/items/?item-query=fixedquery'],
    status: 200,
    body: { items, q: 'fixedquery' },
  },
  { request: ['GET', '/items/?q=fixedquery'], status: 200, body: { items } },
  {
    request: ['GET', '/items/?item-query=nonregexquery'],
    status: 422,
    body: mismatch('nonregexquery', ['query', 'item-query']),
  },
])

conformance('query_params_str_validations/tutorial011', app011, [
  { request: ['GET', '/items/?q=foo&q=bar'], status: 200, body: { q: ['foo', 'bar'] } },
  { request: ['GET', '/items/'], status: 200, body: { q: null } },
])

conformance('query_params_str_validations/tutorial012', app012, [
  { request: ['GET', '/items/'], status: 200, body: { q: ['foo', 'bar'] } },
  { request: ['GET', '/items/?q=baz&q=foobar'], status: 200, body: { q: ['baz', 'foobar'] } },
])

conformance('query_params_str_validations/tutorial013', app013, [
  { request: ['GET', '/items/?q=foo&q=bar'], status: 200, body: { q: ['foo', 'bar'] } },
  { request: ['GET', '/items/'], status: 200, body: { q: [] } },
])

conformance('query_params_str_validations/tutorial014', app014, [
  {
    request: ['GET', '/items/?hidden_query=somevalue'],
    status: 200,
    body: { hidden_query: 'somevalue' },
  },
  { request: ['GET', '/items/'], status: 200, body: { hidden_query: 'Not found' } },
  // FastAPI's test asks for /items and its client follows the redirect to /items/.
  {
    request: ['GET', '/items?hidden_query=somevalue'],
    status: 307,

    headers: { location: 'http://localhost/items/?hidden_query=somevalue' },
  },
])

conformance('query_params_str_validations/tutorial015', app015, [
  { request: ['GET', '/items/'], status: 200 },
  {
    request: ['GET', '/items/?id=isbn-9781529046137'],
    status: 200,
    body: { id: 'isbn-9781529046137', name: "The Hitchhiker's Guide to the Galaxy" },
  },
  { request: ['GET', '/items/?id=isbn-nope'], status: 200, body: { id: 'isbn-nope', name: null } },
  {
    request: ['GET', '/items/?id=wtf-yes'],
    status: 422,
    body: {
      detail: [
        {
          type: 'value_error',
          loc: ['query', 'id'],
          msg: 'Value error, Invalid ID format, it must start with "isbn-" or "imdb-"',
          input: 'wtf-yes',
          ctx: { error: {} },
        },
      ],
    },
  },
])
