// FastAPI tests/test_tutorial/test_response_change_status_code, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('response_change_status_code/tutorial001', app001, [
  { request: ['PUT', '/get-or-create-task/foo'], status: 200, body: 'Listen to the Bar Fighters' },
  { request: ['PUT', '/get-or-create-task/bar'], status: 201, body: "This didn't exist before" },
])
