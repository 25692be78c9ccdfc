// FastAPI tests/test_tutorial/test_query_param_models, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

const all = '/items/?limit=10&offset=5&order_by=updated_at&tags=tag1&tags=tag2'
const allAnswer = { limit: 10, offset: 5, order_by: 'updated_at', tags: ['tag1', 'tag2'] }
const defaults = { limit: 100, offset: 0, order_by: 'created_at', tags: [] }
const invalid = {
  detail: [
    {
      type: 'less_than_equal',
      loc: ['query', 'limit'],
      msg: 'Input should be less than or equal to 100',
      input: '150',
      ctx: { le: 100 },
    },
    {
      type: 'greater_than_equal',
      loc: ['query', 'offset'],
      msg: 'Input should be greater than or equal to 0',
      input: '-1',
      ctx: { ge: 0 },
    },
    {
      type: 'literal_error',
      loc: ['query', 'order_by'],
      msg: "Input should be 'created_at' or 'updated_at'",
      input: 'invalid',
      ctx: { expected: "'created_at' or 'updated_at'" },
    },
  ],
}

conformance('query_param_models/tutorial001', app001, [
  { request: ['GET', all], status: 200, body: allAnswer },
  { request: ['GET', '/items/'], status: 200, body: defaults },
  { request: ['GET', '/items/?limit=150&offset=-1&order_by=invalid'], status: 422, body: invalid },
  { request: ['GET', `${all}&tool=plumbus`], status: 200, body: allAnswer },
])

conformance('query_param_models/tutorial002', app002, [
  { request: ['GET', all], status: 200, body: allAnswer },
  { request: ['GET', '/items/'], status: 200, body: defaults },
  { request: ['GET', '/items/?limit=150&offset=-1&order_by=invalid'], status: 422, body: invalid },
  {
    request: ['GET', `${all}&tool=plumbus`],
    status: 422,
    body: {
      detail: [
        {
          type: 'extra_forbidden',
          loc: ['query', 'tool'],
          msg: 'Extra inputs are not permitted',
          input: 'plumbus',
        },
      ],
    },
  },
])
