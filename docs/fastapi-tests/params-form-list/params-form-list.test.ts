// FastAPI tests/test_request_params/test_form/test_list.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases, pending } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance(
  'test_request_params.test_form.test_list',
  app,
  cases(recorded, { 7: { differs: pending.aliasEcho } }),
)
