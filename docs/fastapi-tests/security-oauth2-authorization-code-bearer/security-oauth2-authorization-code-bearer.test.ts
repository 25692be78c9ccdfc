// FastAPI tests/test_security_oauth2_authorization_code_bearer.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance(
  'test_security_oauth2_authorization_code_bearer',
  app,
  cases(recorded, {
    // The redirect names the host the request was sent to: the recording's was 127.0.0.1:<port>.
    0: { headers: { location: 'http://localhost/items/' } },
  }),
)
