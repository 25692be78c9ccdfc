// FastAPI tests/test_tutorial/test_additional_status_codes, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('additional_status_codes/tutorial001', app001, [
  {
    request: ['PUT', '/items/foo', { json: { name: 'Wrestlers' } }],
    status: 200,
    body: { name: 'Wrestlers', size: null },
  },
  {
    request: ['PUT', '/items/red', { json: { name: 'Chillies' } }],
    status: 201,
    body: { name: 'Chillies', size: null },
  },
])
