import { type Dependency, depends, route } from '@sluice/core'
import { expectTypeOf, test } from 'vitest'
import { type RateLimitState, rateLimit } from './rate-limit'

test('a limit is a request dependency whose value says where the key stands', () => {
  const limit = rateLimit({ points: 5, duration: 60 })
  expectTypeOf(limit).toEqualTypeOf<Dependency<RateLimitState, 'request'>>()
  route.post('/token', { deps: { attempt: limit } }, async ({ attempt }) => {
    expectTypeOf(attempt.remaining).toEqualTypeOf<number>()
    expectTypeOf(attempt.refund).toEqualTypeOf<() => Promise<void>>()
  })
})

test('a key is a dependency whose value is a string, from the request or the app', () => {
  rateLimit({ points: 5, duration: 60, key: depends(() => 'user:1') })
  rateLimit({ points: 5, duration: 60, key: depends(() => 'tenant', { scope: 'app' }) })
  // @ts-expect-error a key is counted by as a string
  rateLimit({ points: 5, duration: 60, key: depends(() => 1) })
  // @ts-expect-error a key is a dependency, not a function
  rateLimit({ points: 5, duration: 60, key: () => 'user:1' })
})
