// FastAPI tests/test_tutorial/test_middleware, request by request.
import { expect } from 'vitest'
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'

conformance('middleware/tutorial001', app001, [
  {
    request: ['GET', '/openapi.json'],
    status: 200,
    headers: { 'x-process-time': expect.any(String) },
  },
])
