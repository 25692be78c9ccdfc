// FastAPI tests/test_tutorial/test_handling_errors, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'

const intParsing = (loc: (string | number)[], input: string) => ({
  type: 'int_parsing',
  loc,
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  input,
})

conformance('handling_errors/tutorial001', app001, [
  { request: ['GET', '/items/foo'], status: 200, body: { item: 'The Foo Wrestlers' } },
  {
    request: ['GET', '/items/bar'],
    status: 404,
    body: { detail: 'Item not found' },
    headers: { 'x-error': null },
  },
])

conformance('handling_errors/tutorial002', app002, [
  { request: ['GET', '/items-header/foo'], status: 200, body: { item: 'The Foo Wrestlers' } },
  {
    request: ['GET', '/items-header/bar'],
    status: 404,
    body: { detail: 'Item not found' },
    headers: { 'x-error': 'There goes my error' },
  },
])

conformance('handling_errors/tutorial003', app003, [
  { request: ['GET', '/unicorns/shinny'], status: 200, body: { unicorn_name: 'shinny' } },
  {
    request: ['GET', '/unicorns/yolo'],
    status: 418,
    body: { message: 'Oops! yolo did something. There goes a rainbow...' },
  },
])

conformance('handling_errors/tutorial004', app004, [
  {
    request: ['GET', '/items/foo'],
    status: 400,
    contains: ['Validation errors:', "Field: ('path', 'item_id')"],
  },
  { request: ['GET', '/items/3'], status: 418, text: "Nope! I don't like 3." },
  { request: ['GET', '/items/2'], status: 200, body: { item_id: 2 } },
  // Starlette's own 404 and 405 are HTTPExceptions too, so the custom handler answers them.
  { request: ['GET', '/nowhere'], status: 404, text: 'Not Found' },
  { request: ['POST', '/items/2'], status: 405, text: 'Method Not Allowed' },
])

conformance('handling_errors/tutorial005', app005, [
  {
    request: ['POST', '/items/', { json: { title: 'towel', size: 'XL' } }],
    status: 422,
    body: { detail: [intParsing(['body', 'size'], 'XL')], body: { title: 'towel', size: 'XL' } },
  },
  {
    request: ['POST', '/items/', { json: { title: 'towel', size: 5 } }],
    status: 200,
    body: { title: 'towel', size: 5 },
  },
])

conformance('handling_errors/tutorial006', app006, [
  {
    request: ['GET', '/items/foo'],
    status: 422,
    body: { detail: [intParsing(['path', 'item_id'], 'foo')] },
  },
  { request: ['GET', '/items/3'], status: 418, body: { detail: "Nope! I don't like 3." } },
  { request: ['GET', '/items/2'], status: 200, body: { item_id: 2 } },
])
