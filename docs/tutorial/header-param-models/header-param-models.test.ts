// FastAPI tests/test_tutorial/test_header_param_models, request by request.
// FastAPI's test client sends `Host: testserver`; these requests say so themselves.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'

const host = ['host', 'testserver'] as const
const all = [
  host,
  ['save-data', 'true'],
  ['if-modified-since', 'yesterday'],
  ['traceparent', '123'],
  ['x-tag', 'one'],
  ['x-tag', 'two'],
] as const
const allAnswer = {
  host: 'testserver',
  save_data: true,
  if_modified_since: 'yesterday',
  traceparent: '123',
  x_tag: ['one', 'two'],
}
const defaults = {
  host: 'testserver',
  save_data: true,
  if_modified_since: null,
  traceparent: null,
  x_tag: [],
}

conformance('header_param_models/tutorial001', app001, [
  { request: ['GET', '/items/', { headers: all }], status: 200, body: allAnswer },
  {
    request: ['GET', '/items/', { headers: [host, ['save-data', 'true']] }],
    status: 200,
    body: defaults,
  },
  {
    request: ['GET', '/items/', { headers: [host, ['save-data', 'true'], ['tool', 'plumbus']] }],
    status: 200,
    body: defaults,
  },
])

conformance('header_param_models/tutorial002', app002, [
  { request: ['GET', '/items/', { headers: all }], status: 200, body: allAnswer },
  {
    request: ['GET', '/items/', { headers: [host, ['save-data', 'true']] }],
    status: 200,
    body: defaults,
  },
  {
    request: ['GET', '/items/', { headers: [host] }],
    status: 422,
    body: {
      detail: [
        {
          type: 'missing',
          loc: ['header', 'save_data'],
          msg: 'Field required',
          input: { x_tag: [], host: 'testserver' },
        },
      ],
    },
  },
  {
    request: ['GET', '/items/', { headers: [host, ['save-data', 'true'], ['tool', 'plumbus']] }],
    status: 422,
    body: {
      detail: [
        {
          type: 'extra_forbidden',
          loc: ['header', 'tool'],
          msg: 'Extra inputs are not permitted',
          input: 'plumbus',
        },
      ],
    },
  },
])

conformance('header_param_models/tutorial003', app003, [
  {
    request: [
      'GET',
      '/items/',
      {
        headers: [
          host,
          ['save_data', 'true'],
          ['if_modified_since', 'yesterday'],
          ['traceparent', '123'],
          ['x_tag', 'one'],
          ['x_tag', 'two'],
        ],
      },
    ],
    status: 200,
    body: allAnswer,
  },
  {
    request: ['GET', '/items/', { headers: [host, ['save_data', 'true']] }],
    status: 200,
    body: defaults,
  },
  {
    request: ['GET', '/items/', { headers: [host, ['save_data', 'true'], ['tool', 'plumbus']] }],
    status: 200,
    body: defaults,
  },
])
