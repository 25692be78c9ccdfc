import { EventEmitter, once } from 'node:events'
import { createNodeWebSocket } from '@hono/node-ws'
import { Validator } from '@seriousme/openapi-schema-validator'
import * as v from 'valibot'
import { afterEach, describe, expect, test } from 'vitest'
import { currentUser, refusedStatus, TestClient } from '../test-fixtures/realtime'
import { createApp, depends, HTTPException, type Mountable, rooms, route } from './index'
import { type ServerHandle, serve } from './node'

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

const chatRoute = route.ws(
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

async function start(routes: readonly Mountable[]) {
  const app = createApp({ routes, websocket: (app) => createNodeWebSocket({ app }) })
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

describe('route.ws handshake', () => {
  test('is refused with 401 without a token, and with 403 for another user’s room', async () => {
    const { base } = await start([chatRoute])
    expect(await refusedStatus(`${base}/rooms/general`)).toBe(401)
    expect(await refusedStatus(`${base}/rooms/general?token=nobody`)).toBe(401)
    expect(await refusedStatus(`${base}/rooms/bob-private?token=alice-token`)).toBe(403)
    expect(await refusedStatus(`${base}/rooms/bob-private`, ['bearer', 'alice-token'])).toBe(403)
  })

  test('answers a refused handshake with the body and headers an HTTP route would give', async () => {
    const { app } = await start([chatRoute])
    const upgrade = { upgrade: 'websocket', connection: 'Upgrade' }
    const anonymous = await app.request('/rooms/general', { headers: upgrade })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer')
    expect(await anonymous.json()).toEqual({ detail: 'Not authenticated' })
    const stranger = await app.request('/rooms/bob-private?token=alice-token', { headers: upgrade })
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
    const numbered = route.ws(
      '/counters/:id',
      { params: v.object({ id: v.pipe(v.number(), v.integer()) }) },
      ({ params, socket }) => socket.send({ id: params.id }),
    )
    const { app, base } = await start([numbered])
    const response = await app.request('/counters/abc', { headers: { upgrade: 'websocket' } })
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ detail: [{ loc: ['path', 'id'] }] })
    const client = await connect(`${base}/counters/7`)
    expect(await client.next()).toEqual({ id: 7 })
  })
})

describe('route.ws messages', () => {
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
      detail: [{ loc: ['message', 'text'], type: 'min_length', input: '' }],
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
    const broken = route.ws('/broken', {}, () => ({
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

describe('route.ws lifecycle', () => {
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
    const echo = route.ws('/echo', { deps: { resource } }, ({ resource, socket }) => ({
      onMessage: (message) => socket.send({ message, resource, cleanedUp: [...cleanedUp] }),
    }))
    const { base } = await start([echo])
    const client = await connect(`${base}/echo`)
    client.send('"ping"')
    expect(await client.next()).toEqual({ message: 'ping', resource: 'open', cleanedUp: [] })
  })

  test('a heartbeat closes a dead peer and cleans it up', async () => {
    const watched = route.ws(
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
    const watched = route.ws('/watched', { heartbeat: { interval: 20 } }, () => {})
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
      routes: [route.ws('/socket', {}, () => {})],
      logger: { error: (_message, error) => errors.push(error) },
    })
    const response = await app.request('/socket', { headers: { upgrade: 'websocket' } })
    expect(response.status).toBe(500)
    expect(String(errors[0])).toContain('give createApp() a websocket option')
  })
})

describe('route.ws in OpenAPI', () => {
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
