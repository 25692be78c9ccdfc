// FastAPI tests/test_tutorial/test_body_multiple_params, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app003 } from './tutorial003'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'

const missing = (loc: (string | number)[], input: unknown = null) => ({
  type: 'missing',
  loc: ['body', ...loc],
  msg: 'Field required',
  input,
})
const item = { name: 'Foo', price: 50.5, description: null, tax: null }
const fullItem = { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.1 }
const allMissing = { detail: [missing(['item']), missing(['user']), missing(['importance'])] }
const valid = { importance: 2, item: { name: 'Foo', price: 50.5 }, user: { username: 'Dave' } }
const validAnswer = { item_id: 5, importance: 2, item, user: { username: 'Dave', full_name: null } }

conformance('body_multiple_params/tutorial001', app001, [
  {
    request: ['PUT', '/items/5?q=bar', { json: { name: 'Foo', price: 50.5 } }],
    status: 200,
    body: { item_id: 5, item, q: 'bar' },
  },
  { request: ['PUT', '/items/5?q=bar'], status: 200, body: { item_id: 5, q: 'bar' } },
  { request: ['PUT', '/items/5'], status: 200, body: { item_id: 5 } },
  {
    request: ['PUT', '/items/foo'],
    status: 422,
    body: {
      detail: [
        {
          type: 'int_parsing',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'foo',
        },
      ],
    },
  },
])

conformance('body_multiple_params/tutorial003', app003, [
  { request: ['PUT', '/items/5', { json: valid }], status: 200, body: validAnswer },
  { request: ['PUT', '/items/5'], status: 422, body: allMissing },
  {
    request: ['PUT', '/items/5', { json: [] }],
    status: 422,
    body: allMissing,
  },
])

conformance('body_multiple_params/tutorial004', app004, [
  {
    request: ['PUT', '/items/5?q=somequery', { json: valid }],
    status: 200,
    body: { ...validAnswer, q: 'somequery' },
  },
  { request: ['PUT', '/items/5', { json: valid }], status: 200, body: validAnswer },
  { request: ['PUT', '/items/5'], status: 422, body: allMissing },
  {
    request: ['PUT', '/items/5', { json: {} }],
    status: 422,
    body: allMissing,
  },
  {
    request: ['PUT', '/items/5', { json: { ...valid, importance: 0 } }],
    status: 422,
    body: {
      detail: [
        {
          type: 'greater_than',
          loc: ['body', 'importance'],
          msg: 'Input should be greater than 0',
          input: 0,
          ctx: { gt: 0 },
        },
      ],
    },
  },
])

conformance('body_multiple_params/tutorial005', app005, [
  {
    request: ['PUT', '/items/5', { json: { item: fullItem } }],
    status: 200,
    body: { item_id: 5, item: fullItem },
  },
  {
    request: ['PUT', '/items/5', { json: { item: { name: 'Foo', price: 50.5 } } }],
    status: 200,
    body: { item_id: 5, item },
  },
  {
    request: ['PUT', '/items/5'],
    status: 422,
    body: { detail: [missing(['item'])] },
  },
  {
    request: ['PUT', '/items/5', { json: { name: 'Foo', price: 50.5 } }],
    status: 422,
    body: { detail: [missing(['item'])] },
  },
  {
    request: [
      'PUT',
      '/items/5',
      { json: { item: { name: 'Foo' }, user: { username: 'johndoe' } } },
    ],
    status: 422,
    body: { detail: [missing(['item', 'price'], { name: 'Foo' })] },
  },
])
