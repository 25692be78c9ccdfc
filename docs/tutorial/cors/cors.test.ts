// FastAPI tests/test_tutorial/test_cors, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'

const origin = 'https://localhost.tiangolo.com'

conformance('cors/tutorial001', app001, [
  {
    request: [
      'OPTIONS',
      '/',
      {
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'X-Example',
        },
      },
    ],
    status: 204,
    differs: documented.corsPreflight,
    text: '',
    headers: { 'access-control-allow-origin': origin, 'access-control-allow-headers': 'X-Example' },
  },
  {
    request: ['GET', '/', { headers: { Origin: origin } }],
    status: 200,
    body: { message: 'Hello World' },
    headers: { 'access-control-allow-origin': origin },
  },
  {
    request: ['GET', '/'],
    status: 200,
    body: { message: 'Hello World' },
    headers: { 'access-control-allow-origin': null },
  },
])
