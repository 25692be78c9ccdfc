// FastAPI tests/test_tutorial/test_header_params, request by request.
// FastAPI's test client sends `User-Agent: testclient`; these requests say so themselves.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'
import { app as app003 } from './tutorial003'

const testclient = { 'user-agent': 'testclient' }

conformance('header_params/tutorial001', app001, [
  {
    request: ['GET', '/items/', { headers: testclient }],
    status: 200,
    body: { 'User-Agent': 'testclient' },
  },
  {
    request: ['GET', '/items/', { headers: { ...testclient, 'X-Header': 'notvalid' } }],
    status: 200,
    body: { 'User-Agent': 'testclient' },
  },
  {
    request: ['GET', '/items/', { headers: { 'User-Agent': 'FastAPI test' } }],
    status: 200,
    body: { 'User-Agent': 'FastAPI test' },
  },
])

conformance('header_params/tutorial002', app002, [
  { request: ['GET', '/items/'], status: 200, body: { strange_header: null } },
  {
    request: ['GET', '/items/', { headers: { 'X-Header': 'notvalid' } }],
    status: 200,
    body: { strange_header: null },
  },
  {
    request: ['GET', '/items/', { headers: { strange_header: 'FastAPI test' } }],
    status: 200,
    body: { strange_header: 'FastAPI test' },
  },
  {
    request: ['GET', '/items/', { headers: { 'strange-header': 'Not really underscore' } }],
    status: 200,
    body: { strange_header: null },
  },
])

conformance('header_params/tutorial003', app003, [
  { request: ['GET', '/items/'], status: 200, body: { 'X-Token values': null } },
  {
    request: ['GET', '/items/', { headers: { 'x-token': 'foo' } }],
    status: 200,
    body: { 'X-Token values': ['foo'] },
  },
  {
    request: [
      'GET',
      '/items/',
      {
        headers: [
          ['x-token', 'foo'],
          ['x-token', 'bar'],
        ],
      },
    ],
    status: 200,
    body: { 'X-Token values': ['foo', 'bar'] },
  },
])
