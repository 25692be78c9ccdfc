// FastAPI tests/test_tutorial/test_testing_dependencies, request by request.
import { conformance } from '../conformance'
import { app, commonParameters, overrideDependency } from './tutorial001'

app.override(commonParameters, overrideDependency)

conformance('dependency_testing/tutorial001', app, [
  {
    request: ['GET', '/items/'],
    status: 200,
    body: { message: 'Hello Items!', params: { q: null, skip: 5, limit: 10 } },
  },
  {
    request: ['GET', '/items/?q=foo'],
    status: 200,
    body: { message: 'Hello Items!', params: { q: 'foo', skip: 5, limit: 10 } },
  },
  {
    request: ['GET', '/items/?q=foo&skip=100&limit=200'],
    status: 200,
    body: { message: 'Hello Items!', params: { q: 'foo', skip: 5, limit: 10 } },
  },
  {
    request: ['GET', '/users/'],
    status: 200,
    body: { message: 'Hello Users!', params: { q: null, skip: 5, limit: 10 } },
  },
  {
    request: ['GET', '/users/?q=foo&skip=100&limit=200'],
    status: 200,
    body: { message: 'Hello Users!', params: { q: 'foo', skip: 5, limit: 10 } },
  },
])
