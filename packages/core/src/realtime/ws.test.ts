import { spawn } from 'node:child_process'
import { EventEmitter, once } from 'node:events'
import { connect as connectTcp, type Socket as NetSocket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createNodeWebSocket } from '@hono/node-ws'
import { Validator } from '@seriousme/openapi-schema-validator'
import * as v from 'valibot'
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import {
  closeOf,
  currentUser,
  HANDSHAKE,
  rawHandshake,
  refusedStatus,
  TestClient,
} from '../../test-fixtures/realtime'
import { createApp, depends, HTTPException, type Mountable, rooms, websocketRoute } from '../index'
import { nodeWebSocket, type ServerHandle, serve } from '../node'

const ChatIn = v.variant('type', [
  v.object({ type: v.literal('say'), text: v.pipe(v.string(), v.minLength(1)) }),
  v.object({ type: v.literal('whoami') }),
])
const ChatOut = v.variant('type', [
  v.object({ type: v.literal('said'), from: v.string(), text: v.string() }),
  v.object({ type: v.literal('presence'), count: v.number() }),
  v.object({ type: v.literal('you'), name: v.string() }),
])

/** Emits `cleanup` with the user's name when a connection's dependency is cleaned up. */
const log = new EventEmitter()

/** A generator dependency: its cleanup must run when the socket closes, not after the handshake. */
const connectionLog = depends({ user: currentUser }, function* ({ user }) {
  yield { user }
  log.emit('cleanup', user.name)
})

/** Refuses rooms the user is not a member of, before the upgrade. */
const membership = depends(
  { params: v.object({ room: v.string() }), user: currentUser },
  ({ params, user }) => {
    if (!user.rooms.includes(params.room)) throw new HTTPException(403, 'Not a member of this room')
    return params.room
  },
)

const chat = rooms(ChatOut)

const chatRoute = websocketRoute(
  '/rooms/:room',
  {
    params: v.object({ room: v.string() }),
    deps: { user: currentUser, room: membership, connection: connectionLog },
    incoming: ChatIn,
    outgoing: ChatOut,
    summary: 'Chat in a room',
  },
  ({ user, room, socket }) => {
    chat.join(room, socket)
    chat.broadcast(room, { type: 'presence', count: chat.count(room) })
    return {
      onMessage(message) {
        if (message.type === 'whoami') return socket.send({ type: 'you', name: user.name })
        if (message.text === 'forbidden') throw new HTTPException(403, 'You may not say that')
        return chat.broadcast(room, { type: 'said', from: user.name, text: message.text })
      },
    }
  },
)

const servers: ServerHandle[] = []
const clients: TestClient[] = []

/** Sluice's Node adapter, or @hono/node-ws's. */
const adapters = {
  sluice: (app: Parameters<typeof createNodeWebSocket>[0]['app']) =>
    nodeWebSocket(app, new WebSocketServer({ noServer: true })),
  'node-ws': (app: Parameters<typeof createNodeWebSocket>[0]['app']) =>
    createNodeWebSocket({ app }),
}

async function start(routes: readonly Mountable[], adapter: keyof typeof adapters = 'node-ws') {
  const app = createApp({ routes, websocket: adapters[adapter] })
  const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
  servers.push(server)
  return { app, base: server.url.replace('http', 'ws') }
}

async function connect(url: string, protocols?: string[], options?: { autoPong?: boolean }) {
  const client = new TestClient(url, protocols, options)
  clients.push(client)
  return client.opened()
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('websocketRoute handshake', () => {
  test('is refused with 401 without a token, and with 403 for another user’s room', async () => {
    const { base } = await start([chatRoute])
    expect(await refusedStatus(`${base}/rooms/general`)).toBe(401)
    expect(await refusedStatus(`${base}/rooms/general?token=nobody`)).toBe(401)
    expect(await refusedStatus(`${base}/rooms/bob-private?token=alice-token`)).toBe(403)
    expect(await refusedStatus(`${base}/rooms/bob-private`, ['bearer', 'alice-token'])).toBe(403)
  })

  test('answers a refused handshake with the body and headers an HTTP route would give', async () => {
    const { app } = await start([chatRoute])
    const anonymous = await app.request('/rooms/general', { headers: HANDSHAKE })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer')
    expect(await anonymous.json()).toEqual({ detail: 'Not authenticated' })
    const stranger = await app.request('/rooms/bob-private?token=alice-token', {
      headers: HANDSHAKE,
    })
    expect(stranger.status).toBe(403)
    expect(await stranger.json()).toEqual({ detail: 'Not a member of this room' })
  })

  test('answers a plain GET with 426 Upgrade Required, before running dependencies', async () => {
    const { app } = await start([chatRoute])
    const response = await app.request('/rooms/general')
    expect(response.status).toBe(426)
    expect(response.headers.get('upgrade')).toBe('websocket')
    expect(await response.json()).toEqual({ detail: 'Upgrade Required' })
  })

  test('accepts a token from the query or from Sec-WebSocket-Protocol', async () => {
    const { base } = await start([chatRoute])
    const byQuery = await connect(`${base}/rooms/general?token=alice-token`)
    expect(await byQuery.next()).toEqual({ type: 'presence', count: 1 })
    const byProtocol = await connect(`${base}/rooms/general`, ['bearer', 'bob-token'])
    expect(byProtocol.ws.protocol).toBe('bearer')
    expect(await byProtocol.next()).toEqual({ type: 'presence', count: 2 })
    byProtocol.send({ type: 'whoami' })
    expect(await byProtocol.next()).toEqual({ type: 'you', name: 'bob' })
  })

  test('validates path params before the upgrade with a 422', async () => {
    const numbered = websocketRoute(
      '/counters/:id',
      { params: v.object({ id: v.pipe(v.number(), v.integer()) }) },
      ({ params, socket }) => socket.send({ id: params.id }),
    )
    const { app, base } = await start([numbered])
    const response = await app.request('/counters/abc', { headers: HANDSHAKE })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ detail: [{ loc: ['path', 'id'] }] })
    const client = await connect(`${base}/counters/7`)
    expect(await client.next()).toEqual({ id: 7 })
  })
})

describe('websocketRoute messages', () => {
  test('round-trip typed messages and broadcast to the room', async () => {
    const { base } = await start([chatRoute])
    const alice = await connect(`${base}/rooms/general?token=alice-token`)
    expect(await alice.next()).toEqual({ type: 'presence', count: 1 })
    const bob = await connect(`${base}/rooms/general?token=bob-token`)
    expect(await alice.next()).toEqual({ type: 'presence', count: 2 })
    expect(await bob.next()).toEqual({ type: 'presence', count: 2 })
    alice.send({ type: 'say', text: 'hello' })
    const said = { type: 'said', from: 'alice', text: 'hello' }
    expect(await alice.next()).toEqual(said)
    expect(await bob.next()).toEqual(said)
  })

  test('answer an invalid message with an error frame and keep the connection open', async () => {
    const { base } = await start([chatRoute])
    const alice = await connect(`${base}/rooms/general?token=alice-token`)
    await alice.next()
    alice.send('not json')
    expect(await alice.next()).toEqual({
      type: 'error',
      status: 422,
      detail: [{ loc: ['message'], msg: 'Invalid JSON', type: 'json_invalid' }],
    })
    alice.send({ type: 'say', text: '' })
    expect(await alice.next()).toMatchObject({
      type: 'error',
      status: 422,
      detail: [{ loc: ['message', 'text'], input: '' }],
    })
    alice.send({ type: 'shout' })
    expect(await alice.next()).toMatchObject({
      type: 'error',
      detail: [{ loc: ['message', 'type'], input: 'shout' }],
    })
    alice.send({ type: 'say', text: 'forbidden' })
    expect(await alice.next()).toEqual({
      type: 'error',
      status: 403,
      detail: 'You may not say that',
    })
    alice.send({ type: 'whoami' })
    expect(await alice.next()).toEqual({ type: 'you', name: 'alice' })
  })

  test('two users in their own rooms never see each other’s events', async () => {
    const { base } = await start([chatRoute])
    const alice = await connect(`${base}/rooms/alice-private?token=alice-token`)
    const bob = await connect(`${base}/rooms/bob-private?token=bob-token`)
    expect(await alice.next()).toEqual({ type: 'presence', count: 1 })
    expect(await bob.next()).toEqual({ type: 'presence', count: 1 })
    alice.send({ type: 'say', text: 'secret' })
    expect(await alice.next()).toEqual({ type: 'said', from: 'alice', text: 'secret' })
    // Broadcasts are delivered before alice's echo returns, and bob's frames arrive in
    // order: had alice's event reached bob, it would come before his own answer.
    bob.send({ type: 'whoami' })
    expect(await bob.next()).toEqual({ type: 'you', name: 'bob' })
    expect(bob.seen).toEqual([
      { type: 'presence', count: 1 },
      { type: 'you', name: 'bob' },
    ])
  })

  test('a message handler that throws an unexpected error closes the socket with 1011', async () => {
    const errors: unknown[] = []
    const broken = websocketRoute('/broken', {}, () => ({
      onMessage() {
        throw new Error('boom')
      },
    }))
    const app = createApp({
      routes: [broken],
      websocket: (app) => createNodeWebSocket({ app }),
      logger: { error: (_message, error) => errors.push(error) },
    })
    const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    servers.push(server)
    const client = await connect(`${server.url.replace('http', 'ws')}/broken`)
    const closed = once(client.ws, 'close')
    client.send({})
    const [code] = await closed
    expect(code).toBe(1011)
    expect(errors).toEqual([new Error('boom')])
  })
})

describe('websocketRoute lifecycle', () => {
  test('runs dependency cleanup when the socket closes, and leaves the room', async () => {
    const { base } = await start([chatRoute])
    const alice = await connect(`${base}/rooms/general?token=alice-token`)
    await alice.next()
    const bob = await connect(`${base}/rooms/general?token=bob-token`)
    await alice.next()
    expect(chat.count('general')).toBe(2)
    const cleaned = once(log, 'cleanup')
    bob.ws.close()
    expect(await cleaned).toEqual(['bob'])
    expect(chat.count('general')).toBe(1)
  })

  test('keeps a dependency open for the whole connection, not just the handshake', async () => {
    const cleanedUp: string[] = []
    const resource = depends(function* () {
      yield 'open'
      cleanedUp.push('closed')
    })
    const echo = websocketRoute('/echo', { deps: { resource } }, ({ resource, socket }) => ({
      onMessage: (message) => socket.send({ message, resource, cleanedUp: [...cleanedUp] }),
    }))
    const { base } = await start([echo])
    const client = await connect(`${base}/echo`)
    client.send('"ping"')
    expect(await client.next()).toEqual({ message: 'ping', resource: 'open', cleanedUp: [] })
  })

  test('a heartbeat closes a dead peer and cleans it up', async () => {
    const watched = websocketRoute(
      '/watched',
      { deps: { connection: connectionLog }, heartbeat: { interval: 20 } },
      () => {},
    )
    const { base } = await start([watched])
    // `autoPong: false` makes the client a peer that never answers pings.
    const dead = await connect(`${base}/watched?token=alice-token`, undefined, { autoPong: false })
    const cleaned = once(log, 'cleanup')
    const [code] = await once(dead.ws, 'close')
    expect(code).toBe(1006)
    expect(await cleaned).toEqual(['alice'])
  })

  test('a heartbeat keeps a live peer connected', async () => {
    const watched = websocketRoute('/watched', { heartbeat: { interval: 20 } }, () => {})
    const { base } = await start([watched])
    const live = await connect(`${base}/watched`)
    for (let i = 0; i < 4; i++) await once(live.ws, 'ping')
    expect(live.ws.readyState).toBe(live.ws.OPEN)
  })

  test('a graceful shutdown closes open sockets with 1001 and cleans them up', async () => {
    const { base } = await start([chatRoute])
    const alice = await connect(`${base}/rooms/general?token=alice-token`)
    await alice.next()
    const cleaned = once(log, 'cleanup')
    const closed = once(alice.ws, 'close')
    await servers.pop()?.close()
    expect((await closed)[0]).toBe(1001)
    expect(await cleaned).toEqual(['alice'])
  })

  test('needs createApp’s websocket option', async () => {
    const errors: unknown[] = []
    const app = createApp({
      routes: [websocketRoute('/socket', {}, () => {})],
      logger: { error: (_message, error) => errors.push(error) },
    })
    const response = await app.request('/socket', { headers: { upgrade: 'websocket' } })
    expect(response.status).toBe(500)
    expect(String(errors[0])).toContain('give createApp() a websocket option')
  })
})

describe('websocketRoute malformed handshakes', () => {
  test('are answered with 426 or 400 and a JSON body, before running dependencies', async () => {
    const { app } = await start([chatRoute])
    const { connection: _, ...withoutConnection } = HANDSHAKE
    const refusals = [
      [withoutConnection, 426, 'Upgrade Required'],
      [{ ...HANDSHAKE, 'sec-websocket-version': '12' }, 400, 'Unsupported WebSocket version'],
      [{ ...HANDSHAKE, 'sec-websocket-key': 'short' }, 400, 'Invalid Sec-WebSocket-Key'],
      [{ ...HANDSHAKE, 'sec-websocket-protocol': 'a, a' }, 400, 'Invalid Sec-WebSocket-Protocol'],
    ] as const
    for (const [headers, status, detail] of refusals) {
      const response = await app.request('/rooms/general', { headers })
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual({ detail })
    }
    const versioned = await app.request('/rooms/general', {
      headers: { ...HANDSHAKE, 'sec-websocket-version': '12' },
    })
    expect(versioned.headers.get('sec-websocket-version')).toBe('13')
  })

  const flood = fileURLToPath(new URL('../../test-fixtures/handshake-flood.ts', import.meta.url))

  /** Runs the flood fixture in a child with --expose-gc; resolves with what it printed. */
  async function floodWith(kind: string, count: number) {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', '--conditions=@sluice/source', flood],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, KIND: kind, COUNT: String(count) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    await once(child, 'exit')
    return JSON.parse(output) as { statuses: number[]; before: number; after: number }
  }

  // 2,000 handshakes kept ~10 KB each (heap +20 MB after GC) when nothing freed them.
  test.each([
    ['no-connection', 426],
    ['bad-key', 400],
    ['bad-protocol', 400],
    ['post', 405],
  ])('that never become sockets keep nothing: %s', { timeout: 60_000 }, async (kind, status) => {
    const { statuses, before, after } = await floodWith(kind, 2000)
    expect(statuses).toEqual([status])
    expect(after - before).toBeLessThan(3 * 1024 * 1024)
  })

  test('whose client left while dependencies resolved are cleaned up, not upgraded', async () => {
    const started = new EventEmitter()
    const cleaned: string[] = []
    const slow = depends(async function* () {
      started.emit('started')
      await sleep(100)
      yield 'ready'
      cleaned.push('cleaned up')
    })
    const { base } = await start([websocketRoute('/slow', { deps: { slow } }, () => {})])
    const client = connectTcp(Number(new URL(base).port), '127.0.0.1')
    const headers = Object.entries(HANDSHAKE).map(([name, value]) => `${name}: ${value}\r\n`)
    client.write(`GET /slow HTTP/1.1\r\nHost: localhost\r\n${headers.join('')}\r\n`)
    await once(started, 'started')
    client.resetAndDestroy()
    // Upgraded anyway, the socket was dropped by ws and the connection waited for for ever.
    while (cleaned.length === 0) await sleep(20)
    expect(cleaned).toEqual(['cleaned up'])
  })
})

describe('websocketRoute limits', () => {
  test('a frame over every route’s limit is refused with 1009 from its header', async () => {
    const { base } = await start([websocketRoute('/quiet', {}, () => {})])
    const client = await connect(`${base}/quiet`)
    const closed = closeOf(client.ws)
    client.send(`"${'x'.repeat(1024 * 1024)}"`)
    // The reason is ws's own: the frame was refused before it was buffered.
    expect(await closed).toEqual({ code: 1009, reason: '' })
  })

  test('a message over the route’s maxMessageBytes closes with 1009', async () => {
    const small = websocketRoute('/small', { maxMessageBytes: 1024 }, ({ socket }) => ({
      onMessage: (message) => socket.send(message),
    }))
    const { base } = await start([small, websocketRoute('/quiet', {}, () => {})])
    // Frames up to /quiet's 64 KiB are let through once it was opened: /small checks each message.
    await connect(`${base}/quiet`)
    const client = await connect(`${base}/small`)
    client.send(`"${'x'.repeat(1000)}"`)
    expect(await client.next()).toBe('x'.repeat(1000))
    const closed = closeOf(client.ws)
    client.send(`"${'é'.repeat(600)}"`)
    expect(await closed).toEqual({ code: 1009, reason: 'Message too big' })
  })

  test('a client that stops reading is closed with 1013 once its send buffer is full', async () => {
    const errors: string[] = []
    let flooded: { open: boolean; buffered: number } | undefined
    const firehose = websocketRoute(
      '/firehose',
      { maxBufferedBytes: 64 * 1024 },
      async ({ socket }) => {
        await sleep(50)
        const chunk = 'x'.repeat(16 * 1024)
        for (let i = 0; i < 2000; i++) socket.send(chunk)
        flooded = {
          open: socket.open,
          buffered: (socket.raw.raw as { bufferedAmount: number }).bufferedAmount,
        }
      },
    )
    const app = createApp({
      routes: [firehose],
      websocket: (app) => createNodeWebSocket({ app }),
      logger: { error: (message) => errors.push(message) },
    })
    const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    servers.push(server)
    const client = await connect(`${server.url.replace('http', 'ws')}/firehose`)
    const raw = (client.ws as unknown as { _socket: NetSocket })._socket
    raw.pause()
    while (!flooded) await sleep(20)
    // 32 MB were sent: without a bound, all that the kernel did not take waited in memory.
    expect(flooded).toEqual({ open: false, buffered: expect.any(Number) })
    expect(flooded.buffered).toBeLessThan(1024 * 1024)
    expect(errors).toEqual([expect.stringContaining('closed with 1013')])
    const closed = closeOf(client.ws)
    raw.resume()
    expect((await closed).code).toBe(1013)
  })

  test('`until` closes the socket with 1008 when the session expires', async () => {
    const expiry = depends(
      { query: v.object({ ttl: v.number() }) },
      ({ query }) => Date.now() + query.ttl,
    )
    const session = websocketRoute('/session', { until: expiry }, ({ socket }) => {
      socket.send('welcome')
    })
    const { base } = await start([session])
    // Read before connecting, so at least the ttl passes between it and the close however slow the handshake.
    const started = Date.now()
    const client = await connect(`${base}/session?ttl=200`)
    const closed = closeOf(client.ws)
    expect(await client.next()).toBe('welcome')
    expect(await closed).toEqual({ code: 1008, reason: 'Session expired' })
    expect(Date.now() - started).toBeGreaterThan(100)
  })
})

describe('nodeWebSocket, Sluice’s Node adapter', () => {
  test('answers a refused handshake with the whole response, where @hono/node-ws sends the status only', async () => {
    for (const [adapter, body] of [
      ['sluice', '{"detail":"Not authenticated"}'],
      ['node-ws', ''],
    ] as const) {
      const { base } = await start([chatRoute], adapter)
      const answer = await rawHandshake(Number(new URL(base).port), '/rooms/general')
      expect(answer.status).toBe(401)
      expect(answer.body).toBe(body)
      if (adapter === 'sluice') {
        expect(answer.headers['www-authenticate']).toBe('Bearer')
        expect(answer.headers['content-type']).toBe('application/json')
      }
    }
  })

  test('answers a malformed handshake with its JSON error', async () => {
    const { base } = await start([chatRoute], 'sluice')
    const answer = await rawHandshake(Number(new URL(base).port), '/rooms/general', {
      'sec-websocket-key': 'short',
    })
    expect([answer.status, answer.body]).toEqual([400, '{"detail":"Invalid Sec-WebSocket-Key"}'])
  })

  test('carries a conversation, and refuses a frame over every route’s limit with 1009', async () => {
    const { base } = await start([chatRoute], 'sluice')
    const alice = await connect(`${base}/rooms/general`, ['bearer', 'alice-token'])
    expect(alice.ws.protocol).toBe('bearer')
    expect(await alice.next()).toEqual({ type: 'presence', count: 1 })
    alice.send({ type: 'whoami' })
    expect(await alice.next()).toEqual({ type: 'you', name: 'alice' })
    alice.send('not json')
    expect(await alice.next()).toMatchObject({ type: 'error', status: 422 })
    const cleaned = once(log, 'cleanup')
    const closed = closeOf(alice.ws)
    alice.send(`"${'x'.repeat(1024 * 1024)}"`)
    expect(await closed).toEqual({ code: 1009, reason: '' })
    expect(await cleaned).toEqual(['alice'])
  })
})

describe('websocketRoute in OpenAPI', () => {
  test('is documented as a GET with the handshake, its parameters and its security', async () => {
    const { app } = await start([chatRoute])
    const operation = app.openapi().paths['/rooms/{room}']?.get
    expect(operation?.summary).toBe('Chat in a room')
    expect(operation?.description).toContain('WebSocket')
    expect(operation?.responses['101']).toEqual({
      description: 'Switching Protocols: the WebSocket is open',
    })
    expect(operation?.responses['422']).toBeDefined()
    expect(operation?.security).toEqual([{ bearerToken: [] }])
    expect(operation?.parameters?.map((parameter) => parameter.name)).toEqual([
      'room',
      'token',
      'sec-websocket-protocol',
    ])
    expect(operation?.['x-websocket']?.incoming).toMatchObject({ oneOf: expect.any(Array) })
    expect(operation?.['x-websocket']?.outgoing).toMatchObject({ oneOf: expect.any(Array) })
    const validation = await new Validator().validate(JSON.parse(JSON.stringify(app.openapi())))
    expect(validation.errors).toBeUndefined()
    expect(validation.valid).toBe(true)
  })
})
