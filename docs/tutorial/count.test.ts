import { expect, test } from 'vitest'
import { tally } from './count'

test('tally counts cases by kind and by reason, and ignores other tests', () => {
  expect(
    tally([
      'identical #1 GET /items/1 → 200',
      'pending #2 GET /items/a → 422 (pending: validation issues)',
      'documented #3 POST /items/ → 415 (documented: 415 for a body with another content type)',
      'background_tasks: the tasks ran after the answers',
    ]),
  ).toEqual({
    total: 3,
    kinds: { identical: 1, documented: 1, pending: 1 },
    reasons: {
      'pending: validation issues': 1,
      'documented: 415 for a body with another content type': 1,
    },
  })
})
