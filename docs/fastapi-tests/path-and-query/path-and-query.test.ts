// FastAPI tests/test_path.py and tests/test_query.py (both on tests/main.py), replayed: FastAPI's
// answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

/** A redirect names the host the request was sent to: the recording's was 127.0.0.1:<port>. */
const redirect = (location: string) => ({ headers: { location: `http://localhost${location}` } })

conformance(
  'test_path + test_query',
  app,
  cases(recorded, {
    99: redirect('/query/frozenset?query=1&query=1&query=2'),
    100: redirect('/query/list?device_ids=1&device_ids=2'),
    101: redirect('/query/list'),
    102: redirect('/query/list-default?device_ids=1&device_ids=2'),
    103: redirect('/query/list-default'),
  }),
)
