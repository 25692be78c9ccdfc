// FastAPI tests/test_tutorial/test_cookie_param_models, request by request.
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app002 } from './tutorial002'

const cookie = (value: string) => ({ headers: { cookie: value } })
const all = cookie('session_id=123; fatebook_tracker=456; googall_tracker=789')
const allAnswer = { session_id: '123', fatebook_tracker: '456', googall_tracker: '789' }
const defaults = { session_id: '123', fatebook_tracker: null, googall_tracker: null }
const missingSession = {
  detail: [{ type: 'missing', loc: ['cookie', 'session_id'], msg: 'Field required', input: {} }],
}
const extra = cookie('session_id=123; extra=track-me-here-too')

conformance('cookie_param_models/tutorial001', app001, [
  { request: ['GET', '/items/', all], status: 200, body: allAnswer },
  { request: ['GET', '/items/', cookie('session_id=123')], status: 200, body: defaults },
  { request: ['GET', '/items/'], status: 422, body: missingSession },
  { request: ['GET', '/items/', extra], status: 200, body: defaults },
])

conformance('cookie_param_models/tutorial002', app002, [
  { request: ['GET', '/items/', all], status: 200, body: allAnswer },
  { request: ['GET', '/items/', cookie('session_id=123')], status: 200, body: defaults },
  { request: ['GET', '/items/'], status: 422, body: missingSession },
  {
    request: ['GET', '/items/', extra],
    status: 422,
    body: {
      detail: [
        {
          type: 'extra_forbidden',
          loc: ['cookie', 'extra'],
          msg: 'Extra inputs are not permitted',
          input: 'track-me-here-too',
        },
      ],
    },
  },
])
