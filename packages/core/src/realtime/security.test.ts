/*
 * WebSocket and event-stream routes answer to the same security dependencies and
 * scopes as HTTP routes: a client refused `GET /notes` is refused the live routes
 * with the same status, body and `WWW-Authenticate`, the WebSocket before its
 * upgrade, and the OpenAPI document says so.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { currentUser, rawHandshake, TestClient } from '../../test-fixtures/realtime'
import { createApp, requireScopes, route, router, sseRoute, websocketRoute } from '../index'
import { nodeWebSocket, type ServerHandle, serve } from '../node'

const reader = requireScopes(currentUser, ['chat:read'])
const Note = v.object({ text: v.string() })

const notes = route.get('/notes', { deps: { user: reader } }, ({ user }) => [
  { text: `for ${user.name}` },
])
const noteEvents = sseRoute(
  '/notes/events',
  { deps: { user: reader }, events: { note: Note }, keepAlive: false },
  ({ user, stream }) => stream.send('note', { text: `for ${user.name}` }),
)
const noteSocket = websocketRoute(
  '/ws/notes',
  { deps: { user: reader }, outgoing: Note },
  (args) => {
    args.socket.send({ text: `for ${args.user.name}` })
  },
)
/** The same live routes, their scope required by the router rather than by each route. */
const guarded = router({ prefix: '/guarded', deps: [reader] }, [
  sseRoute('/events', { events: { note: Note }, keepAlive: false }, ({ stream }) =>
    stream.send('note', { text: 'guarded' }),
  ),
  websocketRoute('/ws', { outgoing: Note }, ({ socket }) => socket.send({ text: 'guarded' })),
])

const app = createApp({
  routes: [notes, noteEvents, noteSocket, guarded],
  websocket: (hono) => nodeWebSocket(hono, new WebSocketServer({ noServer: true })),
})
let server: ServerHandle

beforeAll(async () => {
  server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
})
afterAll(() => server.close())

/** What a refusal looks like to a client: status, `WWW-Authenticate` and body. */
async function refusal(res: Response) {
  return {
    status: res.status,
    challenge: res.headers.get('www-authenticate'),
    body: await res.text(),
  }
}

/** The answer to a WebSocket handshake sent over TCP: a refusal, or `101` once upgraded. */
async function handshake(path: string) {
  const answer = await rawHandshake(server.port, path)
  return {
    status: answer.status,
    challenge: answer.headers['www-authenticate'] ?? null,
    body: answer.body,
  }
}

describe('a security dependency with required scopes', () => {
  // bob's token grants chat:write only; "nobody" is no token at all.
  for (const [who, query, status] of [
    ['a token without the scope', '?token=bob-token', 403],
    ['an unknown token', '?token=nobody', 401],
    ['no token', '', 401],
  ] as const) {
    test(`refuses ${who} on event streams and WebSockets exactly as on GET`, async () => {
      const expected = await refusal(await fetch(`${server.url}/notes${query}`))
      expect(expected.status).toBe(status)
      for (const path of ['/notes/events', '/guarded/events']) {
        expect(await refusal(await fetch(`${server.url}${path}${query}`))).toEqual(expected)
      }
      for (const path of ['/ws/notes', '/guarded/ws']) {
        expect(await handshake(`${path}${query}`)).toEqual(expected)
      }
    })
  }

  test('lets a token with the scope stream and open the socket', async () => {
    expect(await (await fetch(`${server.url}/notes?token=alice-token`)).json()).toEqual([
      { text: 'for alice' },
    ])
    const stream = await fetch(`${server.url}/notes/events?token=alice-token`)
    expect(await stream.text()).toBe('event: note\ndata: {"text":"for alice"}\n\n')
    const client = await new TestClient(
      `${server.url.replace('http', 'ws')}/ws/notes?token=alice-token`,
    ).opened()
    expect(await client.next()).toEqual({ text: 'for alice' })
    await client.close()
  })

  test('is documented on live routes as on GET: the requirement with its scopes, 401 and 403', async () => {
    const paths = app.openapi().paths
    const expected = paths['/notes']?.get
    expect(expected?.security).toEqual([{ bearerToken: ['chat:read'] }])
    for (const path of ['/notes/events', '/ws/notes', '/guarded/events', '/guarded/ws']) {
      const operation = paths[path]?.get
      expect(operation?.security, path).toEqual(expected?.security)
      expect(operation?.responses['401'], path).toEqual(expected?.responses['401'])
      expect(operation?.responses['403'], path).toEqual(expected?.responses['403'])
    }
    const validation = await new Validator().validate(JSON.parse(JSON.stringify(app.openapi())))
    expect(validation.errors).toBeUndefined()
  })
})
