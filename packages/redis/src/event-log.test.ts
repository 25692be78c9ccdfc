import type { LoggedEvent } from '@sluice/core'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type RedisEventLog, redisEventLog } from './event-log'
import { nextEvent, noRedisServer, type RedisServer, redisServer } from './fixtures/redis-server'

if (noRedisServer) console.warn(`Skipping the Redis event log tests: ${noRedisServer}`)

describe.skipIf(noRedisServer)('redisEventLog', { timeout: 20_000 }, () => {
  let server: RedisServer
  const cleanups: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    server = await redisServer()
  })
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  afterAll(() => server.stop())

  /** One instance's log: its own client, as another process would have. */
  async function instance(options: Parameters<typeof redisEventLog>[1] = {}) {
    const client = new Redis(server.url, { retryStrategy: () => 50 })
    client.on('error', () => {})
    await client.ping()
    const log = redisEventLog(client, { prefix: crypto.randomUUID(), ...options })
    cleanups.push(
      () => log.close(),
      () => client.quit().catch(() => client.disconnect()),
    )
    return { client, log }
  }

  /** Subscribes, collecting what is delivered and whether it was interrupted. */
  function follow(log: RedisEventLog, topic: string, after?: string) {
    const seen: LoggedEvent[] = []
    const waiters: (() => void)[] = []
    let interrupted = false
    const stop = log.subscribe(
      topic,
      after,
      (event) => {
        seen.push(event)
        for (const wake of waiters.splice(0)) wake()
      },
      () => {
        interrupted = true
        for (const wake of waiters.splice(0)) wake()
      },
    )
    cleanups.push(async () => stop())
    return {
      seen,
      texts: () => seen.map((event) => event.text),
      interrupted: () => interrupted,
      /** Resolves once `count` events arrived (or it was interrupted). */
      async received(count: number) {
        while (seen.length < count && !interrupted)
          await new Promise<void>((resolve) => waiters.push(resolve))
        return seen.map((event) => event.text)
      },
    }
  }

  test("delivers an append on one instance to the other's subscribers, with stream ids", async () => {
    const prefix = crypto.randomUUID()
    const a = await instance({ prefix })
    const b = await instance({ prefix })
    const onB = follow(b.log, 'user:1')
    const other = follow(b.log, 'user:2')
    await new Promise((resolve) => setTimeout(resolve, 50)) // the subscription reaches Redis
    for (const text of ['one', 'two', 'three']) await a.log.append('user:1', text)
    expect(await onB.received(3)).toEqual(['one', 'two', 'three'])
    expect(onB.seen.map((event) => event.id)).toEqual(
      onB.seen.map(() => expect.stringMatching(/^\d+-\d+$/)),
    )
    expect(other.seen).toEqual([])
  })

  test('a client that read event N on A resumes on B with exactly the events after N, while appends go on', async () => {
    const prefix = crypto.randomUUID()
    const a = await instance({ prefix, retain: 1000 })
    const b = await instance({ prefix, retain: 1000 })
    const onA = follow(a.log, 'feed')
    await new Promise((resolve) => setTimeout(resolve, 50))
    const texts = Array.from({ length: 400 }, (_, i) => `e${i + 1}`)
    // Clients that read up to some event on A resume on B as appends go on, each at another moment.
    const resumed: { after: number; client: ReturnType<typeof follow> }[] = []
    for (const [index, text] of texts.entries()) {
      await a.log.append('feed', text)
      if (index % 20 === 10) {
        const read = await onA.received(index + 1)
        const after = read.length - 1
        resumed.push({ after, client: follow(b.log, 'feed', onA.seen[after]?.id) })
      }
    }
    for (const { after, client } of resumed) {
      const expected = texts.slice(after + 1)
      expect(await client.received(expected.length)).toEqual(expected)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    for (const { after, client } of resumed) expect(client.texts()).toEqual(texts.slice(after + 1)) // none twice
  })

  test('a subscriber that throws reaches neither the others nor the connection', async () => {
    const warnings: string[] = []
    const { log } = await instance({ logger: { warn: (message) => void warnings.push(message) } })
    log.subscribe('feed', undefined, () => {
      throw new Error('broken listener')
    })
    const healthy = follow(log, 'feed')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await log.append('feed', 'one')
    await log.append('feed', 'two')
    expect(await healthy.received(2)).toEqual(['one', 'two'])
    expect(warnings).toEqual([
      expect.stringMatching(/^a listener of .*:events:feed failed$/),
      expect.stringMatching(/^a listener of .*:events:feed failed$/),
    ])
  })

  test('keeps the newest `retain` events of a topic, expiring after `ttl`', async () => {
    const { client, log } = await instance({ prefix: 'retained', retain: 10, ttl: 60 })
    const first = follow(log, 'feed')
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (let i = 1; i <= 300; i++) await log.append('feed', `e${i}`)
    await first.received(300)
    const behind = follow(log, 'feed', first.seen[0]?.id)
    expect(await behind.received(10)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 291}`))
    // Redis trims in whole blocks: about `retain`, never unbounded.
    expect(await client.xlen('retained:events:feed')).toBeLessThan(300)
    expect(await client.ttl('retained:events:feed')).toBeGreaterThan(50)
    await client.del('retained:events:feed')
  })

  test.each([
    ['an id it never issued', '99999999999999-0'],
    ['a malformed id', '1-0) DROP'],
    ['a number alone', '17'],
  ])('ignores %s: nothing is replayed, new events arrive', async (_, after) => {
    const { log } = await instance()
    await log.append('feed', 'old')
    const client = follow(log, 'feed', after)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await log.append('feed', 'new')
    expect(await client.received(1)).toEqual(['new'])
  })

  test('Redis stopped: subscriptions are interrupted, appends wait (bounded) and are written once it is back', async () => {
    const warnings: string[] = []
    const logger = { warn: (message: string) => void warnings.push(message) }
    const { client, log } = await instance({ maxPending: 2, logger })
    const before = follow(log, 'feed')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await log.append('feed', 'before')
    await before.received(1)

    await server.stop()
    await nextEvent(client, 'close')
    await before.received(2)
    expect(before.interrupted()).toBe(true)
    const during = follow(log, 'feed')
    await during.received(1)
    expect(during.interrupted()).toBe(true)
    // A request that appends is not held up by the outage.
    for (const text of ['lost', 'held 1', 'held 2']) await log.append('feed', text)

    await server.start()
    await nextEvent(client, 'ready')
    await new Promise((resolve) => setTimeout(resolve, 200)) // the subscriber reconnects too
    const after = follow(log, 'feed', '0-1')
    expect(await after.received(2)).toEqual(['held 1', 'held 2'])
    expect(warnings).toEqual([
      'event log over Redis: Redis is away, holding writes until it is back',
      'event log over Redis: Redis is back; sent 2 held writes, dropped the 1 oldest (over maxPending 2)',
    ])
  })
})
