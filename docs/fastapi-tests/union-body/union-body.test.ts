// FastAPI tests/test_union_body.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_union_body', app, cases(recorded))
