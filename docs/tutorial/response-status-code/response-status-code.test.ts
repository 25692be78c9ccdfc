// FastAPI tests/test_tutorial/test_response_status_code, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('response_status_code/tutorial001', app001, [
  { request: ['POST', '/items/?name=Test%20Item'], status: 201, body: { name: 'Test Item' } },
])
