import { cache, createApp, route } from '@sluice/core'
import { Redis } from 'ioredis'
import * as v from 'valibot'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { redisCache } from './cache-store'
import { noRedisServer, type RedisServer, redisServer } from './fixtures/redis-server'

if (noRedisServer) console.warn(`Skipping the Redis cache tests: ${noRedisServer}`)

describe.skipIf(noRedisServer)('redisCache', { timeout: 20_000 }, () => {
  let server: RedisServer
  const clients: Redis[] = []
  let prefix = 0

  beforeAll(async () => {
    server = await redisServer()
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect()
  })
  afterAll(() => server.stop())

  function connect() {
    // No offline queue: with Redis away a command fails at once, and cache() computes without it.
    const client = new Redis(server.url, { enableOfflineQueue: false, retryStrategy: () => 50 })
    client.on('error', () => {})
    clients.push(client)
    return client
  }

  /** One instance of an app, as another process would run it: its own client, sharing `computed`. */
  async function instance(name: string, computed: number[], wait?: Promise<void>) {
    const client = connect()
    await client.ping().catch(async () => {
      await new Promise((resolve) => client.once('ready', resolve))
    })
    const store = redisCache(client, { prefix: name })
    const errors: unknown[] = []
    const square = cache(
      { query: v.object({ n: v.number() }) },
      async ({ query }) => {
        computed.push(query.n)
        await wait
        return { square: query.n * query.n, computation: computed.length }
      },
      {
        name: 'square',
        store,
        ttl: 60,
        tags: ({ query }) => [`n:${query.n}`],
        onStoreError: (error) => errors.push(error),
      },
    )
    const app = createApp({
      routes: [route.get('/squares', { deps: { square } }, ({ square }) => square)],
    })
    const get = async (n: number) => (await app.request(`/squares?n=${n}`)).json()
    return { client, store, get, errors }
  }

  const name = () => `cache-test-${++prefix}`

  test('a value computed by one instance is served by the others, until its tag is invalidated', async () => {
    const computed: number[] = []
    const prefix = name()
    const one = await instance(prefix, computed)
    const two = await instance(prefix, computed)
    expect(await one.get(3)).toEqual({ square: 9, computation: 1 })
    expect(await two.get(3)).toEqual({ square: 9, computation: 1 })
    await two.get(4)
    await one.store.invalidate(['n:3'])
    expect(await two.get(3)).toEqual({ square: 9, computation: 3 })
    expect(await one.get(4)).toEqual({ square: 16, computation: 2 })
    expect(computed).toEqual([3, 4, 3])
  })

  test('an entry expires in Redis after its ttl', async () => {
    const prefix = name()
    const one = await instance(prefix, [])
    await one.get(5)
    const left = await one.client.pttl(`${prefix}:cache:square:[{"n":5}]`)
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThanOrEqual(60_000)
  })

  test('a value computed across an invalidation is never served as fresh', async () => {
    const computed: number[] = []
    const prefix = name()
    let open = () => {}
    const opened = new Promise<void>((resolve) => {
      open = resolve
    })
    const slow = await instance(prefix, computed, opened)
    const other = await instance(prefix, computed)
    const answer = slow.get(6)
    while (computed.length === 0) await new Promise((resolve) => setImmediate(resolve))
    await other.store.invalidate(['n:6'])
    open()
    await answer
    expect(await other.get(6)).toEqual({ square: 36, computation: 2 })
  })

  test('with Redis away the value is computed and served, and the failure reported', async () => {
    const prefix = name()
    const computed: number[] = []
    const one = await instance(prefix, computed)
    await server.stop()
    try {
      while (one.client.status === 'ready') await new Promise((resolve) => setImmediate(resolve))
      expect(await one.get(7)).toEqual({ square: 49, computation: 1 })
      expect(await one.get(7)).toEqual({ square: 49, computation: 2 })
      expect(one.errors.length).toBeGreaterThan(0)
    } finally {
      await server.start()
    }
  })
})
