// FastAPI tests/test_security_oauth2_optional.py, replayed: FastAPI's answers in recorded.json.
import { conformance } from '../../tutorial/conformance'
import { cases, documented } from '../suite'
import { app } from './app'
import recorded from './recorded.json'

/** Sluice's answer to a `grant_type` other than `password`. */
const notPassword = (input: string) => ({
  differs: documented.grantType,
  body: {
    detail: [
      {
        type: 'literal_error',
        loc: ['body', 'grant_type'],
        msg: "Input should be 'password'",
        input,
        ctx: { expected: "'password'" },
      },
    ],
  },
})

conformance(
  'test_security_oauth2_optional',
  app,
  cases(recorded, {
    5: notPassword('incorrect'),
    6: notPassword('passwordblah'),
    7: notPassword('blahpassword'),
  }),
)
