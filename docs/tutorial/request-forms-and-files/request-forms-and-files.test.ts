// FastAPI tests/test_tutorial/test_request_forms_and_files, request by request.
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
const file = new File(['<file content>'], 'test.txt')
const fileb = new File(['<file b content>'], 'testb.txt', { type: 'text/plain' })

conformance('request_forms_and_files/tutorial001', app001, [
  { request: ['POST', '/files/'], status: 422, body: missing('file', 'fileb', 'token') },
  {
    request: ['POST', '/files/', { form: { token: 'foo' } }],
    status: 422,
    body: missing('file', 'fileb'),
  },
  {
    request: ['POST', '/files/', { json: { file: 'Foo', token: 'Bar' } }],
    status: 415,
    body: {
      detail:
        'Unsupported Media Type: expected application/x-www-form-urlencoded or multipart/form-data',
    },
    differs: documented.mediaType,
  },
  {
    request: ['POST', '/files/', { form: { file } }],
    status: 422,
    body: missing('fileb', 'token'),
  },
  {
    request: ['POST', '/files/', { form: { token: 'foo', file, fileb } }],
    status: 200,
    body: { file_size: 14, token: 'foo', fileb_content_type: 'text/plain' },
  },
])
