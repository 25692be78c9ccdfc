// FastAPI tests/test_tutorial/test_request_forms, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'

const missing = (...fields: string[]) => ({
  detail: fields.map((field) => ({
    type: 'missing',
    loc: ['body', field],
    msg: 'Field required',
    input: null,
  })),
})

conformance('request_forms/tutorial001', app001, [
  {
    request: ['POST', '/login/', { form: { username: 'Foo', password: 'secret' } }],
    status: 200,
    body: { username: 'Foo' },
  },
  {
    request: ['POST', '/login/', { form: { username: 'Foo' } }],
    status: 422,
    body: missing('password'),
  },
  {
    request: ['POST', '/login/', { form: { password: 'secret' } }],
    status: 422,
    body: missing('username'),
  },
  {
    request: ['POST', '/login/'],
    status: 422,
    body: missing('username', 'password'),
  },
  {
    request: ['POST', '/login/', { json: { username: 'Foo', password: 'secret' } }],
    status: 415,
    body: {
      detail:
        'Unsupported Media Type: expected application/x-www-form-urlencoded or multipart/form-data',
    },
    differs: documented.mediaType,
  },
])
