// FastAPI tests/test_validate_response.py, replayed: FastAPI's answers in recorded.json.
import { conformance, documented } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

/** A response that fails its schema is a 500, in Sluice's JSON error form. */
const serverError = {
  differs: documented.serverError,
  body: { detail: 'Internal Server Error' },
}

conformance(
  'test_validate_response',
  app,
  cases(recorded, { 0: serverError, 1: serverError, 4: serverError, 5: serverError }),
)
