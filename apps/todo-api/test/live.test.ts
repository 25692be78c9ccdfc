import { once } from 'node:events'
import { connect } from 'node:net'
import { type ServerHandle, serve } from '@sluice/core/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { type Session, type TestApp, testApp } from './helpers'
import { handshake, openSocket as openLiveSocket, readEvents } from './live-clients'

let t: TestApp
let server: ServerHandle
let alice: Session
let bob: Session

beforeAll(async () => {
  t = await testApp()
  server = await serve(t.app, { port: 0, hostname: '127.0.0.1', signals: false })
  alice = await t.signUp('alice@example.com')
  bob = await t.signUp('bob@example.com')
})

afterAll(async () => {
  await server.close()
  await t.close()
})

const create = (session: Session, title: string) =>
  fetch(`${server.url}/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.access}` },
    body: JSON.stringify({ title }),
  })

/** Opens the live WebSocket and collects what it receives. */
const openSocket = (session: Session) => openLiveSocket(server.url, session.access)

describe('the WebSocket feed', () => {
  test('streams my own changes, never another user’s', async () => {
    const mine = openSocket(alice)
    const theirs = openSocket(bob)
    await Promise.all([mine.opened, theirs.opened])

    expect((await create(alice, 'Alice’s secret plan')).status).toBe(201)
    expect((await create(bob, 'Bob’s errand')).status).toBe(201)

    const [aliceEvent] = await mine.next(1)
    const [bobEvent] = await theirs.next(1)
    expect(aliceEvent).toMatchObject({ type: 'created', todo: { title: 'Alice’s secret plan' } })
    expect(aliceEvent).not.toHaveProperty('todo.owner_id')
    expect(bobEvent).toMatchObject({ type: 'created', todo: { title: 'Bob’s errand' } })
    expect(mine.received).toHaveLength(1)
    mine.socket.close()
    theirs.socket.close()
  })

  test('updates and deletions arrive in order', async () => {
    const live = openSocket(alice)
    await live.opened
    const created = (await (await create(alice, 'Draft')).json()) as { id: number }
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${alice.access}` }
    await fetch(`${server.url}/todos/${created.id}`, {
      method: 'PATCH',
      headers,
      body: '{"completed":true}',
    })
    await fetch(`${server.url}/todos/${created.id}`, { method: 'DELETE', headers })
    expect(await live.next(3)).toEqual([
      expect.objectContaining({ type: 'created' }),
      expect.objectContaining({
        type: 'updated',
        todo: expect.objectContaining({ completed: true }),
      }),
      { type: 'deleted', id: created.id },
    ])
    live.socket.close()
  })

  test('a change reaches my sockets before its request is answered', async () => {
    // As a hand-written server does: the event goes out first, so a live client is never
    // a response (and an event-loop turn) behind the writer.
    const live = openSocket(alice)
    await live.opened
    for (let n = 0; n < 5; n++) {
      expect((await create(alice, `Heard first ${n}`)).status).toBe(201)
      expect(live.received).toHaveLength(n + 1)
    }
    live.socket.close()
  })

  test('a handshake that cannot become a socket is refused with a JSON 426, not a 200', async () => {
    // `Upgrade` without `Connection: Upgrade`: @hono/node-ws answered 200 and kept the request.
    const client = connect(server.port, '127.0.0.1')
    client.write(
      `GET /ws/todos?access_token=${alice.access} HTTP/1.1\r\nHost: localhost\r\n` +
        'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nConnection: close\r\n\r\n',
    )
    let response = ''
    client.on('data', (chunk) => {
      response += chunk
    })
    await once(client, 'close')
    expect(response).toMatch(/^HTTP\/1\.1 426 /)
    expect(response.endsWith('{"detail":"Upgrade Required"}')).toBe(true)
  })

  test('a message over 64 KiB closes the socket with 1009 (it only sends)', async () => {
    const live = openSocket(alice)
    await live.opened
    const closed = once(live.socket, 'close')
    live.socket.send('x'.repeat(1024 * 1024))
    expect((await closed)[0]).toBe(1009)
  })

  test('a handshake without a valid token is refused with 401', async () => {
    for (const query of ['', '?access_token=not-a-token']) {
      const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/todos${query}`)
      socket.on('error', () => {}) // the refused upgrade also surfaces as an error event
      const status = await new Promise<number | undefined>((resolve) => {
        socket.once('unexpected-response', (_, res) => resolve(res.statusCode))
        socket.once('open', () => resolve(101))
      })
      expect(status).toBe(401)
      socket.terminate()
    }
  })
})

describe('the live feed’s scopes', () => {
  /** An access token of alice's granting only the scopes asked for (`none`: no todo scope). */
  const tokenFor = async (scope: string) => {
    const res = await t.login(alice.email, undefined, scope)
    return ((await res.json()) as { access_token: string }).access_token
  }
  /** What a refusal looks like to a client: status, `WWW-Authenticate` and body (none read from a stream). */
  const refusal = async (res: Response) => {
    const body = res.ok ? '' : await res.text()
    if (res.ok) await res.body?.cancel()
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body }
  }

  for (const scope of ['todos:write', 'none']) {
    test(`refuses a token granting ${scope} on both, exactly as GET /todos does`, async () => {
      const token = await tokenFor(scope)
      const list = await fetch(`${server.url}/todos`, {
        headers: { authorization: `Bearer ${token}` },
      })
      const expected = await refusal(list)
      expect(expected.status).toBe(403)
      const stream = await fetch(`${server.url}/todos/events?access_token=${token}`)
      expect(await refusal(stream)).toEqual(expected)
      expect(await handshake(server.url, token)).toEqual(expected)
    })
  }

  test('are documented: the token must grant todos:read, else 403', () => {
    const paths = t.app.openapi().paths
    for (const operation of [paths['/todos/events']?.get, paths['/ws/todos']?.get]) {
      expect(operation?.security).toEqual([{ AccessTokenQuery: ['todos:read'] }])
      expect(operation?.responses['403']?.description).toBe('Not enough permissions')
    }
  })

  test('lets a token granting todos:read follow both', async () => {
    const token = await tokenFor('todos:read')
    expect((await handshake(server.url, token)).status).toBe(101)
    const stream = await fetch(`${server.url}/todos/events?access_token=${token}`)
    expect(stream.status).toBe(200)
    await stream.body?.cancel()
  })
})

describe('the event stream', () => {
  test('sends my changes with ids, and resumes after Last-Event-ID', async () => {
    const url = `${server.url}/todos/events?access_token=${alice.access}`
    const stream = await fetch(url)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reading = readEvents(stream, 2)
    await create(bob, 'Not for Alice')
    await create(alice, 'First')
    await create(alice, 'Second')
    const events = await reading
    expect(
      events.map((event) => [event.event, (event.data as { todo: { title: string } }).todo.title]),
    ).toEqual([
      ['change', 'First'],
      ['change', 'Second'],
    ])

    const resumed = await fetch(url, { headers: { 'last-event-id': events[0]?.id as string } })
    const [replayed] = await readEvents(resumed, 1)
    expect(replayed).toMatchObject({
      id: events[1]?.id,
      data: { type: 'created', todo: { title: 'Second' } },
    })
  })

  test('without a token it is a 401 in the usual format', async () => {
    const res = await fetch(`${server.url}/todos/events`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ detail: 'Not authenticated' })
  })
})

describe('an expiring access token', () => {
  test('closes the socket with 1008 and ends the event stream when it expires', {
    timeout: 10_000,
  }, async () => {
    const shortLived = await testApp({ ACCESS_TOKEN_TTL: '1' })
    const served = await serve(shortLived.app, { port: 0, hostname: '127.0.0.1', signals: false })
    try {
      const { access } = await shortLived.signUp('carol@example.com')
      const socket = new WebSocket(
        `${served.url.replace('http', 'ws')}/ws/todos?access_token=${access}`,
      )
      const closed = once(socket, 'close')
      await once(socket, 'open')
      const stream = await fetch(`${served.url}/todos/events?access_token=${access}`)
      expect(stream.status).toBe(200)
      const [code, reason] = await closed
      expect([code, String(reason)]).toEqual([1008, 'Session expired'])
      // The stream ends by itself too (the keep-alive comment, if any, is all it sent).
      expect(await stream.text()).not.toContain('data:')
    } finally {
      await served.close()
      await shortLived.close()
    }
  })
})
