// FastAPI tests/test_tutorial/test_query_params, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'

const description = 'This is an amazing item that has a long description'
const intParsing = (loc: string[], input: string) => ({
  type: 'int_parsing',
  loc,
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  input,
})
const missing = (loc: string[]) => ({ type: 'missing', loc, msg: 'Field required', input: null })

conformance('query_params/tutorial001', app001, [
  {
    request: ['GET', '/items/'],
    status: 200,
    body: [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }],
  },
  {
    request: ['GET', '/items/?skip=1'],
    status: 200,
    body: [{ item_name: 'Bar' }, { item_name: 'Baz' }],
  },
  { request: ['GET', '/items/?skip=1&limit=1'], status: 200, body: [{ item_name: 'Bar' }] },
])

conformance('query_params/tutorial002', app002, [
  { request: ['GET', '/items/foo'], status: 200, body: { item_id: 'foo' } },
  {
    request: ['GET', '/items/bar?q=somequery'],
    status: 200,
    body: { item_id: 'bar', q: 'somequery' },
  },
])

conformance('query_params/tutorial003', app003, [
  { request: ['GET', '/items/foo'], status: 200, body: { item_id: 'foo', description } },
  {
    request: ['GET', '/items/bar?q=somequery'],
    status: 200,
    body: { item_id: 'bar', q: 'somequery', description },
  },
  { request: ['GET', '/items/baz?short=true'], status: 200, body: { item_id: 'baz' } },
  // The spellings of a boolean from FastAPI's tutorial text.
  { request: ['GET', '/items/baz?short=1'], status: 200, body: { item_id: 'baz' } },
  { request: ['GET', '/items/baz?short=True'], status: 200, body: { item_id: 'baz' } },
  { request: ['GET', '/items/baz?short=on'], status: 200, body: { item_id: 'baz' } },
  { request: ['GET', '/items/baz?short=yes'], status: 200, body: { item_id: 'baz' } },
  { request: ['GET', '/items/baz?short=no'], status: 200, body: { item_id: 'baz', description } },
  {
    request: ['GET', '/items/baz?short=maybe'],
    status: 422,
    body: {
      detail: [
        {
          type: 'bool_parsing',
          loc: ['query', 'short'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: 'maybe',
        },
      ],
    },
  },
])

conformance('query_params/tutorial004', app004, [
  {
    request: ['GET', '/users/123/items/foo'],
    status: 200,
    body: { item_id: 'foo', owner_id: 123, description },
  },
  {
    request: ['GET', '/users/1/items/bar?q=somequery'],
    status: 200,
    body: { item_id: 'bar', owner_id: 1, q: 'somequery', description },
  },
  {
    request: ['GET', '/users/42/items/baz?short=true'],
    status: 200,
    body: { item_id: 'baz', owner_id: 42 },
  },
])

conformance('query_params/tutorial005', app005, [
  {
    request: ['GET', '/items/foo?needy=very'],
    status: 200,
    body: { item_id: 'foo', needy: 'very' },
  },
  {
    request: ['GET', '/items/foo'],
    status: 422,
    body: { detail: [missing(['query', 'needy'])] },
  },
])

conformance('query_params/tutorial006', app006, [
  {
    request: ['GET', '/items/foo?needy=very'],
    status: 200,
    body: { item_id: 'foo', needy: 'very', skip: 0, limit: null },
  },
  {
    request: ['GET', '/items/foo?skip=a&limit=b'],
    status: 422,
    body: {
      detail: [
        missing(['query', 'needy']),
        intParsing(['query', 'skip'], 'a'),
        intParsing(['query', 'limit'], 'b'),
      ],
    },
  },
])
