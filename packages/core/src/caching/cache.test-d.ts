import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { route } from '../define-route'
import { type Dependency, depends } from '../depends'
import { cache } from './cache'
import { httpCache } from './http-cache'
import { memoryCache } from './memory-cache'

const store = memoryCache()
const user = depends(() => ({ id: 1, name: 'ada' }))

describe('cache()', () => {
  test('provides what compute returns, and types the key and tags functions by its inputs', () => {
    const stats = cache(
      { user, query: v.object({ year: v.number() }) },
      async ({ user, query }) => ({ owner: user.id, year: query.year, count: 3 }),
      {
        name: 'stats',
        store,
        ttl: 60,
        key: (inputs) => {
          expectTypeOf(inputs.user).toEqualTypeOf<{ id: number; name: string }>()
          expectTypeOf(inputs.query).toEqualTypeOf<{ year: number }>()
          return [inputs.user.id, inputs.query.year]
        },
        tags: ({ user }) => [`user:${user.id}`],
      },
    )
    expectTypeOf(stats).toEqualTypeOf<
      Dependency<{ owner: number; year: number; count: number }, 'request'>
    >()
    route.get('/stats', { deps: { stats } }, ({ stats }) => {
      expectTypeOf(stats.count).toEqualTypeOf<number>()
    })
  })

  test('refuses values JSON would change', () => {
    // @ts-expect-error a Date would come back from the store as a string
    cache({}, () => ({ at: new Date() }), { name: 'dates', store, ttl: 1 })
    // @ts-expect-error a function is dropped by JSON
    cache({}, () => ({ run: () => 1 }), { name: 'functions', store, ttl: 1 })
  })

  test('tags are strings', () => {
    // @ts-expect-error tags are a list of strings
    cache({}, () => 1, { name: 'tagged', store, ttl: 1, tags: () => [1] })
  })
})

describe('httpCache on a route', () => {
  test('Vary is a list of header names', () => {
    route.get(
      '/a',
      { httpCache: httpCache({ cacheControl: 'no-cache', vary: ['Authorization'] }) },
      () => 1,
    )
    // @ts-expect-error a list, not one string
    httpCache({ vary: 'Authorization' })
    // @ts-expect-error made by httpCache(), which brings the code that carries it out
    route.get('/c', { httpCache: { cacheControl: 'no-cache' } }, () => 1)
  })
})
