// FastAPI tests/test_router_prefix_with_template.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance('test_router_prefix_with_template', app, cases(recorded))
