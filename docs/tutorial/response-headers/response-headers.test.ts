// FastAPI tests/test_tutorial/test_response_headers, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

conformance('response_headers/tutorial001', app001, [
  {
    request: ['GET', '/headers/'],
    status: 200,
    body: { message: 'Hello World' },
    headers: { 'x-cat-dog': 'alone in the world', 'content-language': 'en-US' },
  },
])

conformance('response_headers/tutorial002', app002, [
  {
    request: ['GET', '/headers-and-object/'],
    status: 200,
    body: { message: 'Hello World' },
    headers: { 'x-cat-dog': 'alone in the world' },
  },
])
