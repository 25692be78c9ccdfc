// FastAPI tests/test_tutorial/test_request_form_models, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

const missing = (input: object, ...fields: string[]) => ({
  detail: fields.map((field) => ({
    type: 'missing',
    loc: ['body', field],
    msg: 'Field required',
    input,
  })),
})
/** Sluice's answer: an input that is, or holds, a password is left out (`documented.credentials`). */
const missingWithheld = (input: object, ...fields: string[]) => ({
  detail: missing(input, ...fields).detail.map(({ input: echoed, ...issue }) =>
    issue.loc[1] === 'password' || 'password' in echoed ? issue : { ...issue, input: echoed },
  ),
})
const both = { username: 'Foo', password: 'secret' }
const unsupported = {
  detail:
    'Unsupported Media Type: expected application/x-www-form-urlencoded or multipart/form-data',
}

conformance('request_form_models/tutorial001', app001, [
  { request: ['POST', '/login/', { form: both }], status: 200, body: both },
  {
    request: ['POST', '/login/', { form: { username: 'Foo' } }],
    status: 422,
    differs: documented.credentials,
    body: missingWithheld({ username: 'Foo' }, 'password'),
  },
  {
    request: ['POST', '/login/', { form: { password: 'secret' } }],
    status: 422,
    differs: documented.credentials,
    body: missingWithheld({ password: 'secret' }, 'username'),
  },
  {
    request: ['POST', '/login/'],
    status: 422,
    differs: documented.credentials,
    body: missingWithheld({}, 'username', 'password'),
  },
  {
    request: ['POST', '/login/', { json: both }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
])

conformance('request_form_models/tutorial002', app002, [
  { request: ['POST', '/login/', { form: both }], status: 200, body: both },
  {
    request: ['POST', '/login/', { form: { ...both, extra: 'extra' } }],
    status: 422,
    body: {
      detail: [
        {
          type: 'extra_forbidden',
          loc: ['body', 'extra'],
          msg: 'Extra inputs are not permitted',
          input: 'extra',
        },
      ],
    },
  },
  {
    request: ['POST', '/login/', { form: { username: 'Foo' } }],
    status: 422,
    differs: documented.credentials,
    body: missingWithheld({ username: 'Foo' }, 'password'),
  },
  {
    request: ['POST', '/login/', { form: { password: 'secret' } }],
    status: 422,
    differs: documented.credentials,
    body: missingWithheld({ password: 'secret' }, 'username'),
  },
  {
    request: ['POST', '/login/'],
    status: 422,
    differs: documented.credentials,
    body: missingWithheld({}, 'username', 'password'),
  },
  {
    request: ['POST', '/login/', { json: both }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
])
