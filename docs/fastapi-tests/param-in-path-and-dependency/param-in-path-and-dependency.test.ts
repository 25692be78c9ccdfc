// FastAPI tests/test_param_in_path_and_dependency.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_param_in_path_and_dependency', app, cases(recorded))
