// FastAPI tests/test_tutorial/test_path_operation_configurations, request by request.
import { conformance } from '../conformance'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'

conformance('path_operation_configuration/tutorial005', app005, [
  {
    request: ['POST', '/items/', { json: { name: 'Foo', price: 42 } }],
    status: 200,
    body: { name: 'Foo', price: 42, description: null, tax: null, tags: [] },
  },
])

conformance('path_operation_configuration/tutorial006', app006, [
  { request: ['GET', '/items/'], status: 200, body: [{ name: 'Foo', price: 42 }] },
  { request: ['GET', '/users/'], status: 200, body: [{ username: 'johndoe' }] },
  { request: ['GET', '/elements/'], status: 200, body: [{ item_id: 'Foo' }] },
])
