// FastAPI tests/test_tutorial/test_request_files, request by request.
import { conformance, documented } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app001_02 } from './tutorial001_02'
import { app as app002 } from './tutorial002'

const file = new File(['<file content>'], 'test.txt')
const file2 = new File(['<file content2>'], 'test2.txt')
const large = new File(['x'.repeat(2 ** 16 + 1)], 'test.txt')
const missing = (field: string) => ({
  detail: [{ type: 'missing', loc: ['body', field], msg: 'Field required', input: null }],
})
const unsupported = {
  detail:
    'Unsupported Media Type: expected application/x-www-form-urlencoded or multipart/form-data',
}

conformance('request_files/tutorial001', app001, [
  { request: ['POST', '/files/'], status: 422, body: missing('file') },
  {
    request: ['POST', '/files/', { json: { file: 'Foo' } }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
  { request: ['POST', '/files/', { form: { file } }], status: 200, body: { file_size: 14 } },
  {
    request: ['POST', '/files/', { form: { file: large } }],
    status: 200,
    body: { file_size: 2 ** 16 + 1 },
  },
  {
    request: ['POST', '/uploadfile/', { form: { file } }],
    status: 200,
    body: { filename: 'test.txt' },
  }, // FastAPI 0.142.2 has no limit: 200 {"file_size": 2097152}.
  {
    request: [
      'POST',
      '/files/',
      { form: { file: new File(['x'.repeat(2 * 1024 * 1024)], 'big.bin') } },
    ],
    status: 413,
    body: { detail: 'Content Too Large' },
    differs: documented.bodyLimit,
  },
])

conformance('request_files/tutorial001_02', app001_02, [
  {
    request: ['POST', '/files/'],
    status: 200,
    body: { message: 'No file sent' },
  },
  {
    request: ['POST', '/uploadfile/'],
    status: 200,
    body: { message: 'No upload file sent' },
  },
  { request: ['POST', '/files/', { form: { file } }], status: 200, body: { file_size: 14 } },
  {
    request: ['POST', '/uploadfile/', { form: { file } }],
    status: 200,
    body: { filename: 'test.txt' },
  },
])

conformance('request_files/tutorial002', app002, [
  {
    request: ['POST', '/files/'],
    status: 422,
    body: missing('files'),
  },
  {
    request: ['POST', '/files/', { json: { file: 'Foo' } }],
    status: 415,
    body: unsupported,
    differs: documented.mediaType,
  },
  {
    request: ['POST', '/files/', { form: { files: [file, file2] } }],
    status: 200,
    body: { file_sizes: [14, 15] },
  },
  {
    request: ['POST', '/uploadfiles/', { form: { files: [file, file2] } }],
    status: 200,
    body: { filenames: ['test.txt', 'test2.txt'] },
  },
  { request: ['GET', '/'], status: 200 },
])
