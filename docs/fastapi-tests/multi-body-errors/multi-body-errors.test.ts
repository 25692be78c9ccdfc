// FastAPI tests/test_multi_body_errors.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases, pending } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

conformance(
  'test_multi_body_errors',
  app,
  cases(recorded, { 0: { differs: pending.decimal }, 2: { differs: pending.decimal } }),
)
