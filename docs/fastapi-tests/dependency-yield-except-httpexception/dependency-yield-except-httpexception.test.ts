// FastAPI tests/test_dependency_yield_except_httpexception.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_dependency_yield_except_httpexception', app, cases(recorded))
