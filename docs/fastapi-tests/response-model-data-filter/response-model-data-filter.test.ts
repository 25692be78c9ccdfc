// FastAPI tests/test_response_model_data_filter.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance(
  'test_response_model_data_filter',
  app,
  cases(recorded, {
    // The redirect names the host the request was sent to: the recording's was 127.0.0.1:<port>.
    0: { headers: { location: 'http://localhost/users/' } },
  }),
)
