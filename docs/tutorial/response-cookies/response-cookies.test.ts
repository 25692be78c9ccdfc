// FastAPI tests/test_tutorial/test_response_cookies, request by request.
import { expect } from 'vitest'
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

const message = { message: 'Come to the dark side, we have cookies' }
/** FastAPI's test checks the cookie's value; its attributes are `Path=/; SameSite=lax`. */
const cookie = { 'set-cookie': expect.stringMatching(/^fakesession=fake-cookie-session-value; /) }

conformance('response_cookies/tutorial001', app001, [
  { request: ['POST', '/cookie/'], status: 200, body: message, headers: cookie },
])

conformance('response_cookies/tutorial002', app002, [
  { request: ['POST', '/cookie-and-object/'], status: 200, body: message, headers: cookie },
])
