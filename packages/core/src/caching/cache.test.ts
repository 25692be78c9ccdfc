import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp } from '../app'
import { route } from '../define-route'
import { depends } from '../depends'
import { cache } from './cache'
import type { CacheStore } from './cache-store'
import { memoryCache } from './memory-cache'

/** A promise a test resolves when it chooses. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}

/** An app whose `GET /squares?n=` answers from a cached computation it counts. */
function squares(store: CacheStore, options: { wait?: Promise<void> } = {}) {
  const computed: number[] = []
  const square = cache(
    { query: v.object({ n: v.number() }) },
    async ({ query }) => {
      computed.push(query.n)
      await options.wait
      return { n: query.n, square: query.n * query.n, at: computed.length }
    },
    { name: 'square', store, ttl: 60, tags: ({ query }) => [`n:${query.n}`] },
  )
  const app = createApp({
    routes: [route.get('/squares', { deps: { square } }, ({ square }) => square)],
  })
  const get = async (n: number) => (await app.request(`/squares?n=${n}`)).json()
  return { app, get, computed }
}

describe('cache()', () => {
  test('computes on a miss, then answers from the store, keyed by its inputs', async () => {
    const { get, computed } = squares(memoryCache())
    expect(await get(3)).toEqual({ n: 3, square: 9, at: 1 })
    expect(await get(3)).toEqual({ n: 3, square: 9, at: 1 })
    expect(await get(4)).toEqual({ n: 4, square: 16, at: 2 })
    expect(computed).toEqual([3, 4])
  })

  test('a value older than its ttl is computed again', async () => {
    let now = 1_000_000
    const { get, computed } = squares(memoryCache({ now: () => now }))
    await get(3)
    now += 59_999
    await get(3)
    expect(computed).toEqual([3])
    now += 1
    expect(await get(3)).toEqual({ n: 3, square: 9, at: 2 })
  })

  test('invalidating a tag drops the values under it and no other', async () => {
    const store = memoryCache()
    const { get, computed } = squares(store)
    await get(3)
    await get(4)
    await store.invalidate(['n:3'])
    expect(await get(3)).toEqual({ n: 3, square: 9, at: 3 })
    await get(4)
    expect(computed).toEqual([3, 4, 3])
  })

  test('concurrent misses of one key wait for a single computation', async () => {
    const { opened, open } = gate()
    const { get, computed } = squares(memoryCache(), { wait: opened })
    const answers = Promise.all([get(5), get(5), get(5), get(5)])
    // Each request starts its computation, or joins one, once it has read the store.
    await new Promise((resolve) => setImmediate(resolve))
    open()
    expect(await answers).toEqual(Array(4).fill({ n: 5, square: 25, at: 1 }))
    expect(computed).toEqual([5])
  })

  test('a value computed across an invalidation is never served as fresh', async () => {
    const store = memoryCache()
    const { opened, open } = gate()
    const { get, computed } = squares(store, { wait: opened })
    const slow = get(6)
    while (computed.length === 0) await new Promise((resolve) => setImmediate(resolve))
    await store.invalidate(['n:6'])
    open()
    await slow
    expect(await get(6)).toEqual({ n: 6, square: 36, at: 2 })
  })

  test('the store keeps at most maxEntries entries and maxBytes bytes, least recently used out first', async () => {
    const byCount = memoryCache({ maxEntries: 2 })
    const counted = squares(byCount)
    await counted.get(1)
    await counted.get(2)
    await counted.get(1)
    await counted.get(3)
    expect(byCount.size).toBe(2)
    await counted.get(1)
    await counted.get(2)
    expect(counted.computed).toEqual([1, 2, 3, 2])

    // Each entry here is 42 bytes (`square:[{"n":1}]`, `{"n":1,"square":1,"at":1}`): two fit in 90.
    const byBytes = memoryCache({ maxBytes: 90 })
    const sized = squares(byBytes)
    for (const n of [1, 2, 3]) await sized.get(n)
    expect(byBytes.size).toBe(2)
  })

  test('a store that remembers few tags forgets the oldest without ever serving a stale value', async () => {
    const store = memoryCache({ maxTags: 1 })
    const { get, computed } = squares(store)
    await get(1)
    await get(2)
    await store.invalidate(['n:1'])
    // Remembering n:2 forgets n:1: it now reads as the newest version forgotten, not as before.
    await store.invalidate(['n:2'])
    expect(await get(1)).toEqual({ n: 1, square: 1, at: 3 })
    expect(await get(2)).toEqual({ n: 2, square: 4, at: 4 })
    expect(await get(1)).toEqual({ n: 1, square: 1, at: 3 })
    expect(computed).toEqual([1, 2, 1, 2])
  })

  test('the value goes through JSON, so a hit and a miss give equal values', async () => {
    const store = memoryCache()
    const nothing = cache({}, () => null, { name: 'nothing', store, ttl: 1 })
    const app = createApp({
      routes: [route.get('/', { deps: { nothing } }, ({ nothing }) => ({ nothing }))],
    })
    expect(await (await app.request('/')).json()).toEqual({ nothing: null })
    expect(await (await app.request('/')).json()).toEqual({ nothing: null })
  })

  test('a cached value that reads other dependencies must name its key', () => {
    const user = depends(() => ({ id: 1 }))
    expect(() =>
      cache({ user }, ({ user }) => user.id, { name: 'mine', store: memoryCache(), ttl: 1 }),
    ).toThrow(
      'cache() "mine" reads user: give it a key that says which of their values it depends on',
    )
  })
})
