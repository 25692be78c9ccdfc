// FastAPI tests/test_request_params/test_header/test_list.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases, documented, pending, withReplayHeaders } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

/** Node's fetch sent the two `p` headers as one line, `hello, world`; Sluice splits it. */
const split = { differs: documented.headerList, body: { p: ['hello', 'world'] } }

conformance(
  'test_request_params.test_header.test_list',
  app,
  cases(recorded, {
    1: withReplayHeaders(recorded[1]?.body),
    2: split,
    3: split,
    5: withReplayHeaders(recorded[5]?.body),
    7: { differs: pending.aliasEcho },
    8: split,
    9: split,
  }),
)
