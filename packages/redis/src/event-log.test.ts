import type { LoggedEvent } from '@sluice/core'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type RedisEventLog, redisEventLog } from './event-log'
import {
  eventually,
  nextEvent,
  noRedisServer,
  type RedisServer,
  redisServer,
  untilSubscribed,
} from './fixtures/redis-server'

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
    const prefix = options.prefix ?? crypto.randomUUID()
    const log = redisEventLog(client, { ...options, prefix })
    cleanups.push(
      () => log.close(),
      () => client.quit().catch(() => client.disconnect()),
    )
    /** Resolves once `count` subscriptions to `topic` are in Redis. */
    const listening = (topic: string, count = 1) =>
      untilSubscribed(client, `${prefix}:events:${topic}`, count)
    return { client, log, listening }
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
    await b.listening('user:1')
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
    await a.listening('feed')
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
    // None twice: a last append, heard by all, comes right after the others.
    await a.log.append('feed', 'last')
    for (const { after, client } of resumed)
      expect(await client.received(texts.length - after)).toEqual([
        ...texts.slice(after + 1),
        'last',
      ])
  })

  test('a subscriber that throws reaches neither the others nor the connection', async () => {
    const warnings: string[] = []
    const { log, listening } = await instance({
      logger: { warn: (message) => void warnings.push(message) },
    })
    log.subscribe(
      'feed',
      undefined,
      () => {
        throw new Error('broken listener')
      },
      () => {},
    )
    const healthy = follow(log, 'feed')
    await listening('feed')
    await log.append('feed', 'one')
    await log.append('feed', 'two')
    expect(await healthy.received(2)).toEqual(['one', 'two'])
    expect(warnings).toEqual([
      expect.stringMatching(/^a listener of .*:events:feed failed$/),
      expect.stringMatching(/^a listener of .*:events:feed failed$/),
    ])
  })

  test('keeps the newest `retain` events of a topic, expiring after `ttl`', async () => {
    const { client, log, listening } = await instance({ prefix: 'retained', retain: 10, ttl: 60 })
    const first = follow(log, 'feed')
    await listening('feed')
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
    const { log, listening } = await instance()
    await log.append('feed', 'old')
    const client = follow(log, 'feed', after)
    await listening('feed')
    await log.append('feed', 'new')
    expect(await client.received(1)).toEqual(['new'])
  })

  test('drops what others publish on its channels that is not one of its events', async () => {
    const { client, log, listening } = await instance({ prefix: 'foreign' })
    const healthy = follow(log, 'feed')
    await listening('feed')
    // An id with a line break would end an event stream's framing: it never reaches a subscriber.
    for (const message of ['x\r\n{"type":"deleted"}', 'no newline', '1-0 1\nspaced id'])
      await client.publish('foreign:events:feed', message)
    await log.append('feed', 'ours')
    expect(await healthy.received(1)).toEqual(['ours'])
    expect(healthy.seen).toHaveLength(1)
  })

  test('an interrupted callback that throws is logged; the other subscriptions are told', async () => {
    const warnings: string[] = []
    const { client, log, listening } = await instance({
      logger: { warn: (message) => void warnings.push(message) },
    })
    log.subscribe(
      'feed',
      undefined,
      () => {},
      () => {
        throw new Error('broken interruption')
      },
    )
    const healthy = follow(log, 'feed')
    await listening('feed')
    await client.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
    await healthy.received(1)
    expect(healthy.interrupted()).toBe(true)
    expect(warnings).toContainEqual(expect.stringMatching(/^a listener of .*:events:feed failed$/))
  })

  /** Makes Redis answer every write with an OOM error (`maxmemory` reached), or take writes again. */
  async function refuseWrites(client: Redis, refuse: boolean) {
    await client.config('SET', 'maxmemory-policy', 'noeviction')
    await client.config('SET', 'maxmemory', refuse ? '1' : '0')
  }

  test('Redis answering errors (OOM): the append is held and this instance’s subscriptions end; it is written once Redis takes writes', async () => {
    const warnings: string[] = []
    const logger = { warn: (message: string) => void warnings.push(message) }
    const prefix = crypto.randomUUID()
    const a = await instance({ prefix, logger })
    const b = await instance({ prefix })
    const onA = follow(a.log, 'feed')
    const onB = follow(b.log, 'feed')
    await a.listening('feed', 2)
    await a.log.append('feed', 'before')
    await Promise.all([onA.received(1), onB.received(1)])

    await refuseWrites(a.client, true)
    await a.log.append('feed', 'refused')
    // Neither sent nor kept yet: a stream here would wait for it in vain, so it ends.
    expect(onA.interrupted()).toBe(true)
    const during = follow(a.log, 'feed', onA.seen[0]?.id)
    await during.received(1)
    expect(during.interrupted()).toBe(true)

    await refuseWrites(a.client, false)
    await a.log.append('feed', 'after')
    // In order, to the stream open elsewhere, and in the replay of a client that resumes here.
    expect(await onB.received(3)).toEqual(['before', 'refused', 'after'])
    const resumed = await eventually(async () => {
      const attempt = follow(a.log, 'feed', onB.seen[0]?.id)
      const texts = await attempt.received(2)
      return attempt.interrupted() ? undefined : texts
    })
    expect(resumed).toEqual(['refused', 'after'])
    // Said once the last held write is answered, which may come after its subscribers heard of it.
    await eventually(async () => warnings.find((line) => line.includes('takes writes again')))
    expect(warnings).toEqual([
      expect.stringMatching(
        /^event log over Redis: Redis refused a write, holding writes until it takes them$/,
      ),
      'event log over Redis: Redis takes writes again; sent 2 held writes',
    ])
  })

  test('Redis stopped: subscriptions are interrupted, appends wait (bounded) and are written once it is back', async () => {
    const warnings: string[] = []
    let back = () => {}
    const backLogged = new Promise<void>((resolve) => {
      back = resolve
    })
    const logger = {
      warn(message: string) {
        warnings.push(message)
        if (message.includes('Redis is back')) back()
      },
    }
    const { client, log, listening } = await instance({ maxPending: 2, logger })
    const before = follow(log, 'feed')
    await listening('feed')
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
    // Its pub/sub connection comes back too: until then a subscription is interrupted at once.
    const after = await eventually(async () => {
      const attempt = follow(log, 'feed', '0-1')
      const texts = await attempt.received(2)
      return attempt.interrupted() ? undefined : texts
    })
    expect(after).toEqual(['held 1', 'held 2'])
    // The end of the outage is told after the last held write is answered: wait for it.
    await backLogged
    // Once each (the pub/sub connection may also say it was refused, if it tried meanwhile).
    expect(warnings.filter((line) => !line.includes('pub/sub'))).toEqual([
      'event log over Redis: Redis is away, holding writes until it is back',
      'event log over Redis: Redis is back; sent 2 held writes, dropped the 1 oldest (over maxPending 2)',
    ])
  })
})
