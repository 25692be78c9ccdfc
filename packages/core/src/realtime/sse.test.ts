import { EventEmitter, once } from 'node:events'
import { get, type IncomingMessage } from 'node:http'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import * as v from 'valibot'
import { afterEach, describe, expect, test } from 'vitest'
import { currentUser } from '../../test-fixtures/realtime'
import { createApp, depends, HTTPException, type Mountable, sseRoute } from '../index'
import { type ServerHandle, serve } from '../node'

/** Emits `cleanup` with the user's name when a stream's dependency is cleaned up. */
const log = new EventEmitter()
const streamLog = depends({ user: currentUser }, function* ({ user }) {
  yield user
  log.emit('cleanup', user.name)
})

const Tick = v.object({ n: v.number() })

/** Replays ticks 1 to 5 after the last one the client saw, then says who it was for. */
const ticks = sseRoute(
  '/ticks',
  {
    deps: { user: streamLog },
    events: { tick: Tick, done: v.object({ user: v.string() }) },
    retry: 1000,
    keepAlive: false,
    summary: 'Ticks',
  },
  async ({ stream, lastEventId, user }) => {
    const after = lastEventId === undefined ? 0 : Number(lastEventId)
    for (let n = after + 1; n <= 5; n++) await stream.send('tick', { n }, { id: String(n) })
    await stream.send('done', { user: user.name })
  },
)

/** Stays open, with keep-alive comments, until the client goes away. */
const idle = sseRoute(
  '/idle',
  { deps: { user: streamLog }, events: { tick: Tick }, keepAlive: 20 },
  async ({ stream }) => {
    await stream.closed
  },
)

const servers: ServerHandle[] = []

async function start(routes: readonly Mountable[]) {
  const server = await serve(createApp({ routes }), {
    port: 0,
    hostname: '127.0.0.1',
    signals: false,
  })
  servers.push(server)
  return server.url
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

interface ServerSentEvent {
  event?: string
  data?: unknown
  id?: string
  retry?: string
  comment?: string
}

/** Parses a `text/event-stream` body into its events; data is JSON. */
function parseEvents(text: string): ServerSentEvent[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event: ServerSentEvent = {}
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim()
        const [, field, value = ''] = /^(\w+): ?(.*)$/.exec(line) ?? []
        if (field === 'data') event.data = JSON.parse(value)
        else if (field === 'event' || field === 'id' || field === 'retry') event[field] = value
      }
      return event
    })
}

describe('sseRoute', () => {
  test('streams typed events with ids, then cleans up its dependencies', async () => {
    const url = await start([ticks])
    const cleaned = once(log, 'cleanup')
    const response = await fetch(`${url}/ticks?token=alice-token`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(parseEvents(await response.text())).toEqual([
      { retry: '1000' },
      ...[1, 2, 3, 4, 5].map((n) => ({ event: 'tick', data: { n }, id: String(n) })),
      { event: 'done', data: { user: 'alice' } },
    ])
    expect(await cleaned).toEqual(['alice'])
  })

  test('resumes after Last-Event-ID', async () => {
    const url = await start([ticks])
    const response = await fetch(`${url}/ticks?token=bob-token`, {
      headers: { 'last-event-id': '3' },
    })
    expect(parseEvents(await response.text())).toEqual([
      { retry: '1000' },
      { event: 'tick', data: { n: 4 }, id: '4' },
      { event: 'tick', data: { n: 5 }, id: '5' },
      { event: 'done', data: { user: 'bob' } },
    ])
  })

  test('refuses a request without a token with the HTTP error response', async () => {
    const url = await start([ticks])
    const response = await fetch(`${url}/ticks`)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(await response.json()).toEqual({ detail: 'Not authenticated' })
  })

  test('a refusal travels through the yield dependencies first, which may answer instead', async () => {
    const translated = depends(function* () {
      try {
        yield 'session'
      } catch {
        throw new HTTPException(503, 'Feed unavailable')
      }
    })
    const broken = depends({ session: translated }, () => {
      throw new Error('feed offline')
    })
    const url = await start([
      sseRoute('/feed', { deps: { feed: broken }, events: { tick: Tick } }, async () => {}),
    ])
    const response = await fetch(`${url}/feed`)
    expect([response.status, await response.json()]).toEqual([503, { detail: 'Feed unavailable' }])
  })

  test('sends keep-alive comments while idle, and cleans up when the client goes away', async () => {
    const url = await start([idle])
    // node:http rather than fetch, whose pool keeps an aborted socket open for seconds.
    const request = get(`${url}/idle?token=alice-token`)
    const [response] = (await once(request, 'response')) as [IncomingMessage]
    response.setEncoding('utf8')
    let received = ''
    while (!received.includes(': keep-alive\n\n')) received += (await once(response, 'data'))[0]
    const cleaned = once(log, 'cleanup')
    request.destroy()
    expect(await cleaned).toEqual(['alice'])
  })

  test('ends the stream and logs when an event does not match its schema', async () => {
    const errors: unknown[] = []
    const wrong = sseRoute('/wrong', { events: { tick: Tick } }, async ({ stream }) => {
      await stream.send('tick', { n: 'one' } as never)
    })
    const app = createApp({
      routes: [wrong],
      logger: { error: (_message, error) => errors.push(error) },
    })
    const response = await app.request('/wrong')
    expect(await response.text()).toBe('')
    expect(String(errors[0])).toContain('SSE /wrong event tick')
  })

  test('drops a client that stops reading once its send buffer is full', async () => {
    const errors: string[] = []
    let outcome: string | undefined
    const firehose = sseRoute(
      '/firehose',
      { events: { chunk: v.string() }, keepAlive: false, maxBufferedBytes: 64 * 1024 },
      async ({ stream }) => {
        await sleep(50)
        // Not awaited, as a publish/subscribe listener sends: only the bound stops it.
        for (let i = 0; i < 2000; i++) void stream.send('chunk', 'x'.repeat(16 * 1024))
        // Only the bound can end it (the client never reads): the test's timeout is the safety net.
        outcome = await stream.closed.then(() => 'closed')
      },
    )
    const server = await serve(
      createApp({ routes: [firehose], logger: { error: (message) => errors.push(message) } }),
      { port: 0, hostname: '127.0.0.1', signals: false },
    )
    servers.push(server)
    const client = connect(server.port, '127.0.0.1')
    const closed = once(client, 'close')
    client.write('GET /firehose HTTP/1.1\r\nHost: localhost\r\n\r\n')
    await once(client, 'data')
    client.pause()
    while (!outcome) await sleep(20)
    expect(outcome).toBe('closed')
    expect(errors).toEqual([expect.stringContaining('dropped, over 65536 bytes')])
    // The server closed the connection.
    client.resume()
    await closed
  })

  test('`until` ends the stream when the session expires', { timeout: 3000 }, async () => {
    const expiry = depends({}, () => new Date(Date.now() + 200))
    const session = sseRoute(
      '/session',
      { events: { tick: Tick }, keepAlive: false, until: expiry },
      async ({ stream }) => {
        await stream.send('tick', { n: 1 })
        await stream.closed
      },
    )
    const url = await start([session])
    const started = Date.now()
    const response = await fetch(`${url}/session`)
    expect(parseEvents(await response.text())).toEqual([{ event: 'tick', data: { n: 1 } }])
    expect(Date.now() - started).toBeGreaterThan(100)
  })

  test('is documented as a GET streaming its events', async () => {
    const app = createApp({ routes: [ticks] })
    const operation = app.openapi().paths['/ticks']?.get
    expect(operation?.summary).toBe('Ticks')
    expect(operation?.responses['200']?.description).toContain('`tick`, `done`')
    expect(operation?.security).toEqual([{ bearerToken: [] }])
    expect(operation?.['x-sse-events']?.tick).toMatchObject({
      type: 'object',
      properties: { n: { type: 'number' } },
    })
  })
})
