// FastAPI tests/test_multi_body_errors.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_multi_body_errors', app, cases(recorded))
