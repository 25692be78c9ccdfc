// FastAPI tests/test_extra_routes.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

/** The header the HEAD and OPTIONS routes set, which FastAPI's test checks too. */
const itemHeader = { headers: { 'x-fastapi-item-id': 'foo' } }

conformance(
  'test_extra_routes',
  app,
  cases(recorded, {
    3: itemHeader,
    4: itemHeader,
  }),
)
