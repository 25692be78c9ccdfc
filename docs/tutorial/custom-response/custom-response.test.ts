// FastAPI tests/test_tutorial/test_custom_response, request by request.
import { conformance } from '../conformance'
import { app as app005 } from './tutorial005'
import { app as app006 } from './tutorial006'
import { app as app006c } from './tutorial006c'
import { app as app007 } from './tutorial007'

conformance('custom_response/tutorial005', app005, [
  { request: ['GET', '/'], status: 200, text: 'Hello World' },
])

conformance('custom_response/tutorial006', app006, [
  { request: ['GET', '/typer'], status: 307, headers: { location: 'https://typer.tiangolo.com' } },
])

conformance('custom_response/tutorial006c', app006c, [
  {
    request: ['GET', '/pydantic'],
    status: 302,
    headers: { location: 'https://docs.pydantic.dev/' },
  },
])

conformance('custom_response/tutorial007', app007, [
  { request: ['GET', '/'], status: 200, text: 'some fake video bytes'.repeat(10) },
])
