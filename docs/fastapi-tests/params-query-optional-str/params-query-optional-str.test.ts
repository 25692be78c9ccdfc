// FastAPI tests/test_request_params/test_query/test_optional_str.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_request_params.test_query.test_optional_str', app, cases(recorded))
