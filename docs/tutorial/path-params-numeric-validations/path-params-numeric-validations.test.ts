// FastAPI tests/test_tutorial/test_path_params_numeric_validations, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app004 } from './tutorial004'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'

const issue = (loc: string[], input: string, type: string, msg: string, ctx?: object) => ({
  detail: [{ loc, input, msg, type, ...(ctx && { ctx }) }],
})
const notAnInteger = issue(
  ['path', 'item_id'],
  'invalid_id',
  'int_parsing',
  'Input should be a valid integer, unable to parse string as an integer',
)
const missingQ = {
  detail: [{ loc: ['query', 'q'], input: null, msg: 'Field required', type: 'missing' }],
}
const atMost1000 = issue(
  ['path', 'item_id'],
  '1001',
  'less_than_equal',
  'Input should be less than or equal to 1000',
  {
    le: 1000,
  },
)

conformance('path_params_numeric_validations/tutorial001', app001, [
  { request: ['GET', '/items/42'], status: 200, body: { item_id: 42 } },
  {
    request: ['GET', '/items/123?item-query=somequery'],
    status: 200,
    body: { item_id: 123, q: 'somequery' },
  },
  { request: ['GET', '/items/invalid_id'], status: 422, body: notAnInteger },
])

conformance('path_params_numeric_validations/tutorial004', app004, [
  { request: ['GET', '/items/42?q='], status: 200, body: { item_id: 42 } },
  { request: ['GET', '/items/1?q=somequery'], status: 200, body: { item_id: 1, q: 'somequery' } },
  { request: ['GET', '/items/invalid_id?q=somequery'], status: 422, body: notAnInteger },
  {
    request: ['GET', '/items/0?q=somequery'],
    status: 422,
    body: issue(
      ['path', 'item_id'],
      '0',
      'greater_than_equal',
      'Input should be greater than or equal to 1',
      { ge: 1 },
    ),
  },
  { request: ['GET', '/items/42'], status: 422, body: missingQ },
])

conformance('path_params_numeric_validations/tutorial005', app005, [
  { request: ['GET', '/items/1?q='], status: 200, body: { item_id: 1 } },
  {
    request: ['GET', '/items/1000?q=somequery'],
    status: 200,
    body: { item_id: 1000, q: 'somequery' },
  },
  { request: ['GET', '/items/invalid_id?q=somequery'], status: 422, body: notAnInteger },
  {
    request: ['GET', '/items/0?q=somequery'],
    status: 422,
    body: issue(['path', 'item_id'], '0', 'greater_than', 'Input should be greater than 0', {
      gt: 0,
    }),
  },
  { request: ['GET', '/items/1001?q=somequery'], status: 422, body: atMost1000 },
  { request: ['GET', '/items/42'], status: 422, body: missingQ },
])

conformance('path_params_numeric_validations/tutorial006', app006, [
  { request: ['GET', '/items/0?q=&size=0.1'], status: 200, body: { item_id: 0, size: 0.1 } },
  {
    request: ['GET', '/items/1000?q=somequery&size=10.4'],
    status: 200,
    body: { item_id: 1000, q: 'somequery', size: 10.4 },
  },
  {
    request: ['GET', '/items/-1?q=somequery&size=5'],
    status: 422,
    body: issue(
      ['path', 'item_id'],
      '-1',
      'greater_than_equal',
      'Input should be greater than or equal to 0',
      { ge: 0 },
    ),
  },
  { request: ['GET', '/items/1001?q=somequery&size=5'], status: 422, body: atMost1000 },
  {
    request: ['GET', '/items/1?q=somequery&size=0.0'],
    status: 422,
    body: issue(['query', 'size'], '0.0', 'greater_than', 'Input should be greater than 0', {
      gt: 0.0,
    }),
  },
  {
    request: ['GET', '/items/1?q=somequery&size=10.5'],
    status: 422,
    body: issue(['query', 'size'], '10.5', 'less_than', 'Input should be less than 10.5', {
      lt: 10.5,
    }),
  },
])
