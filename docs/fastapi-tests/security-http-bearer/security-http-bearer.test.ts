// FastAPI tests/test_security_http_bearer.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_security_http_bearer', app, cases(recorded))
