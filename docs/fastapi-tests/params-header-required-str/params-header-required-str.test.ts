// FastAPI tests/test_request_params/test_header/test_required_str.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases, pending, withReplayHeaders } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance(
  'test_request_params.test_header.test_required_str',
  app,
  cases(recorded, {
    1: withReplayHeaders(recorded[1]?.body),
    5: withReplayHeaders(recorded[5]?.body),
    7: { differs: pending.aliasEcho },
  }),
)
