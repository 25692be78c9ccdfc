// FastAPI tests/test_request_params/test_body/test_required_str.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_request_params.test_body.test_required_str', app, cases(recorded))
