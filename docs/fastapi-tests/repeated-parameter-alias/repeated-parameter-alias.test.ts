// FastAPI tests/test_repeated_parameter_alias.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_repeated_parameter_alias', app, cases(recorded))
