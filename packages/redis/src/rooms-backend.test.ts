import { createApp, rooms, websocketRoute } from '@sluice/core'
import { nodeWebSocket, type ServerHandle, serve } from '@sluice/core/node'
import { Redis } from 'ioredis'
import * as v from 'valibot'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { closeOf, TestClient } from '../../core/test-fixtures/realtime'
import {
  eventually,
  nextEvent,
  noRedisServer,
  type RedisServer,
  redisServer,
  untilSubscribed,
} from './fixtures/redis-server'
import type { RedisLiveOptions } from './options'
import { redisRoomsBackend } from './rooms-backend'

if (noRedisServer) console.warn(`Skipping the Redis rooms tests: ${noRedisServer}`)

const Said = v.object({ text: v.string() })

describe.skipIf(noRedisServer)('redisRoomsBackend', { timeout: 20_000 }, () => {
  let server: RedisServer
  const cleanups: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    server = await redisServer()
  })
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  afterAll(() => server.stop())

  /** One instance of a chat app, as another process would run it: its own client and server. */
  async function instance(options: RedisLiveOptions & { readonly prefix: string }) {
    const { prefix } = options
    const client = new Redis(server.url, { retryStrategy: () => 50 })
    client.on('error', () => {})
    await client.ping()
    const backend = redisRoomsBackend(client, options)
    const chat = rooms(Said, { backend })
    const lobby = websocketRoute('/lobby', { outgoing: Said }, ({ socket }) => {
      chat.join('lobby', socket)
    })
    const app = createApp({
      routes: [lobby],
      websocket: (app) => nodeWebSocket(app, new WebSocketServer({ noServer: true })),
    })
    const handle: ServerHandle = await serve(app, {
      port: 0,
      hostname: '127.0.0.1',
      signals: false,
    })
    cleanups.push(
      () => backend.close(),
      () => client.quit().catch(() => client.disconnect()),
      () => handle.close(),
    )
    const url = `${handle.url.replace('http', 'ws')}/lobby`
    /** Connects to the lobby, and waits until its subscription is one of `subscribers` in Redis. */
    async function connect(subscribers = 1) {
      const socket = await new TestClient(url).opened()
      cleanups.push(() => socket.close())
      await untilSubscribed(client, `${prefix}:room:lobby`, subscribers)
      return socket
    }
    return { client, chat, url, connect }
  }

  test("a broadcast on one instance reaches the room's sockets on every instance", async () => {
    const prefix = crypto.randomUUID()
    const east = await instance({ prefix })
    const west = await instance({ prefix })
    const ann = await east.connect(1)
    const ben = await west.connect(2)
    await east.chat.broadcast('lobby', { text: 'from east' })
    await west.chat.broadcast('lobby', { text: 'from west' })
    for (const client of [ann, ben]) {
      expect(await client.next()).toEqual({ text: 'from east' })
      expect(await client.next()).toEqual({ text: 'from west' })
    }
    // Another app on the same server, under another prefix, hears none of it.
    const other = await instance({ prefix: crypto.randomUUID() })
    const cid = await other.connect()
    await east.chat.broadcast('lobby', { text: 'not for cid' })
    expect(await ann.next()).toEqual({ text: 'not for cid' })
    expect(cid.seen).toEqual([])
  })

  test('Redis answering errors: sockets here are closed with 1013, the broadcast waits, and reaches the others once Redis takes it', async () => {
    const warnings: string[] = []
    const prefix = crypto.randomUUID()
    const east = await instance({
      prefix,
      logger: { warn: (message) => void warnings.push(message) },
    })
    const west = await instance({ prefix })
    const ann = await east.connect(1)
    const ben = await west.connect(2)
    const closed = closeOf(ann.ws)
    /** Makes Redis answer PUBLISH with an error (NOPERM), or take it again. */
    const refusePublish = (refuse: boolean) =>
      east.client.call('ACL', 'SETUSER', 'default', refuse ? '-publish' : '+publish')
    cleanups.push(() => refusePublish(false))

    await refusePublish(true)
    await east.chat.broadcast('lobby', { text: 'refused at first' })
    expect(await closed).toEqual({
      code: 1013,
      reason: 'Room broadcasts were interrupted; reconnect',
    })
    await refusePublish(false)
    expect(await ben.next()).toEqual({ text: 'refused at first' })
    // Said once the held write is answered, which may come after the sockets heard of it.
    await eventually(async () => warnings.find((line) => line.includes('takes writes again')))
    expect(warnings).toEqual([
      'rooms over Redis: Redis refused a write, holding writes until it takes them',
      'rooms over Redis: Redis takes writes again; sent 1 held writes',
    ])
  })

  test('Redis stopped: sockets are closed with 1013, broadcasts wait, and all is well once it is back', async () => {
    const warnings: string[] = []
    const east = await instance({
      prefix: crypto.randomUUID(),
      logger: { warn: (message) => void warnings.push(message) },
    })
    const ann = await east.connect()
    const closed = closeOf(ann.ws)

    await server.stop()
    const expected = { code: 1013, reason: 'Room broadcasts were interrupted; reconnect' }
    expect(await closed).toEqual(expected)
    // One who connects during the outage is told at once, too.
    const ben = new TestClient(east.url)
    cleanups.push(() => ben.close())
    expect(await closeOf(ben.ws)).toEqual(expected)
    await east.chat.broadcast('lobby', { text: 'said during the outage' })

    await server.start()
    await nextEvent(east.client, 'ready')
    // Its pub/sub connection comes back too: until then a socket that joins is closed at once.
    const cid = await eventually(() => east.connect().catch(() => undefined), 10_000)
    await east.chat.broadcast('lobby', { text: 'after' })
    // The held broadcast went out as Redis came back, before cid joined.
    expect(await cid.next()).toEqual({ text: 'after' })
    expect(east.chat.count('lobby')).toBe(1)
    // Once each (the pub/sub connection may also say it was refused, if it tried meanwhile).
    expect(warnings.filter((line) => !line.includes('pub/sub'))).toEqual([
      'rooms over Redis: Redis is away, holding writes until it is back',
      'rooms over Redis: Redis is back; sent 1 held writes',
    ])
  })
})
