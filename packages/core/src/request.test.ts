import { EventEmitter, once } from 'node:events'
import { connect } from 'node:net'
import * as v from 'valibot'
import { describe, expect, test, vi } from 'vitest'
import { executionContext } from '../test-fixtures/execution-context'
import {
  createApp,
  depends,
  HTTPException,
  handle,
  RequestValidationError,
  route,
  router,
} from './index'
import { serve } from './node'

const integer = v.pipe(v.number(), v.integer())

describe("FastAPI's order: each dependency runs as soon as its own inputs are valid", () => {
  const token = depends(
    { headers: v.object({ authorization: v.optional(v.string()) }) },
    ({ headers }) => {
      if (!headers.authorization) throw new HTTPException(401, 'Not authenticated')
      return headers.authorization
    },
  )

  test('a security dependency answers before the route judges its own inputs', async () => {
    const app = createApp({
      routes: [
        route.get(
          '/items',
          { query: v.object({ limit: integer }), deps: { token } },
          ({ query }) => query.limit,
        ),
      ],
    })
    const anonymous = await app.request('/items?limit=many')
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toEqual({ detail: 'Not authenticated' })
    const signedIn = await app.request('/items?limit=many', { headers: { authorization: 'x' } })
    expect(signedIn.status).toBe(422)
  })

  test('a dependency with invalid inputs is skipped, the others run, and every issue comes back, dependencies first', async () => {
    const ran: string[] = []
    const first = depends({ query: v.object({ a: integer }) }, () => void ran.push('first'))
    const second = depends({ query: v.object({ b: integer }) }, () => void ran.push('second'))
    const needsFirst = depends({ first }, () => void ran.push('needs first'))
    const app = createApp({
      routes: [
        route.get(
          '/',
          { query: v.object({ c: integer }), deps: { needsFirst, second } },
          () => 'never',
        ),
      ],
    })
    const res = await app.request('/?a=x&b=2&c=y')
    expect(res.status).toBe(422)
    expect(ran).toEqual(['second'])
    const { detail } = (await res.json()) as { detail: { loc: unknown[] }[] }
    expect(detail.map((issue) => issue.loc)).toEqual([
      ['query', 'a'],
      ['query', 'c'],
    ])
  })

  test('router dependencies and the route’s own run in declaration order, before its named ones', async () => {
    const ran: string[] = []
    const named = (name: string) => depends(() => void ran.push(name), { name })
    const app = createApp({
      deps: [named('app')],
      routes: [
        router({ deps: [named('router')] }, [
          route.get('/', { dependencies: [named('route')], deps: { value: named('named') } }, () =>
            ran.join(' '),
          ),
        ]),
      ],
    })
    expect(await (await app.request('/')).json()).toBe('app router route named')
  })

  test('a malformed body answers before any dependency runs', async () => {
    const ran: string[] = []
    const audit = depends(() => void ran.push('audit'))
    const app = createApp({
      routes: [route.post('/', { body: v.object({}), deps: { audit } }, () => 'never')],
    })
    const res = await app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(res.status).toBe(422)
    expect(ran).toEqual([])
  })

  test('a request-scoped dependency cannot depend on a function-scoped one', () => {
    const session = depends(() => 1, { scope: 'function' })
    expect(() => depends({ session }, () => 2)).toThrow(
      /Request-scoped dependency "anonymous dependency" cannot depend on function-scoped "session"/,
    )
  })
})

describe('an error travels through the yield dependencies before it becomes the response', () => {
  test('a dependency catches the handler’s error and raises another, innermost first', async () => {
    const seen: string[] = []
    const outer = depends(async function* () {
      try {
        yield 'outer'
      } catch (error) {
        seen.push(`outer saw ${(error as HTTPException).status}`)
        throw error
      }
    })
    const inner = depends({ outer }, function* () {
      try {
        yield 'inner'
      } catch (error) {
        seen.push(`inner saw ${(error as Error).message}`)
        throw new HTTPException(400, 'Owner error: the item is gone')
      }
    })
    const app = createApp({
      routes: [
        route.get('/', { deps: { inner } }, () => {
          throw new Error('KeyError')
        }),
      ],
      logger: { error() {} },
    })
    const res = await app.request('/')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ detail: 'Owner error: the item is gone' })
    expect(seen).toEqual(['inner saw KeyError', 'outer saw 400'])
  })

  test('a dependency that swallows the error leaves no answer: 500, logged with the cause', async () => {
    const logged: unknown[] = []
    const careless = depends(function* careless() {
      try {
        yield 'value'
      } catch {
        // swallowed
      }
    })
    const app = createApp({
      routes: [
        route.get('/', { deps: { careless } }, () => {
          throw new HTTPException(404, 'Item not found')
        }),
      ],
      logger: { error: (_, error) => logged.push(error) },
    })
    const res = await app.request('/')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ detail: 'Internal Server Error' })
    expect(String(logged[0])).toMatch(/"careless" caught the request's error/)
    expect((logged[0] as Error).cause).toBeInstanceOf(HTTPException)
  })

  test('background tasks are dropped when the request fails', async () => {
    const ran: string[] = []
    const app = createApp({
      routes: [
        route.get('/', {}, ({ background }) => {
          background(() => ran.push('task'))
          throw new HTTPException(409, 'Conflict')
        }),
      ],
    })
    const { ctx, settled } = executionContext()
    expect((await app.request('/', {}, {}, ctx)).status).toBe(409)
    await settled()
    expect(ran).toEqual([])
  })
})

describe("scope: 'function' cleans up after the handler, before the response", () => {
  test('its cleanup runs before the response and can still change the answer', async () => {
    const events: string[] = []
    const session = depends(
      function* () {
        yield 'session'
        events.push('function closed')
        throw new HTTPException(503, 'Could not commit')
      },
      { scope: 'function' },
    )
    const app = createApp({
      routes: [route.get('/', { deps: { session } }, () => 'ok')],
    })
    const res = await app.request('/')
    expect(res.status).toBe(503)
    expect(events).toEqual(['function closed'])
  })

  test('function cleanups run before the response, then background tasks, then request cleanups', async () => {
    const events: string[] = []
    const connection = depends(function* () {
      yield 'connection'
      events.push('request closed')
    })
    const session = depends(
      function* () {
        yield 'session'
        events.push('function closed')
      },
      { scope: 'function' },
    )
    const app = createApp({
      routes: [
        route.get('/', { deps: { connection, session } }, ({ background }) => {
          background(() => events.push('task'))
          return 'ok'
        }),
      ],
    })
    const { ctx, settled } = executionContext()
    const res = await app.request('/', {}, {}, ctx)
    events.push(`response ${res.status}`)
    await settled()
    expect(events).toEqual(['function closed', 'response 200', 'task', 'request closed'])
  })
})

test('RequestValidationError carries the body as received, for custom handlers', async () => {
  const app = createApp({
    routes: [
      route.post('/items', { body: v.object({ title: v.string(), size: integer }) }, () => 'never'),
    ],
    exceptionHandlers: [
      handle(RequestValidationError, (error) =>
        Response.json({ detail: error.issues.length, body: error.body }, { status: 422 }),
      ),
    ],
  })
  const res = await app.request('/items', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'towel', size: 'XL' }),
  })
  expect(await res.json()).toEqual({ detail: 1, body: { title: 'towel', size: 'XL' } })
  // Malformed JSON: the issue never quotes it, but the error holds the text, as FastAPI's exc.body does.
  const malformed = await app.request('/items', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"title": ',
  })
  expect(await malformed.json()).toEqual({ detail: 1, body: '{"title": ' })
})

test('a client that hangs up mid-body is an aborted request (499), not a logged server error', async () => {
  const logged: unknown[] = []
  const statuses: number[] = []
  const entered = new EventEmitter()
  const app = createApp({
    routes: [route.post('/items', { body: v.object({ name: v.string() }) }, () => 'never')],
    logger: { error: (_, error) => logged.push(error) },
    middleware: [
      async (c, next) => {
        entered.emit('request')
        await next()
        statuses.push(c.res.status)
      },
    ],
  })
  const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
  const socket = connect(server.port, '127.0.0.1')
  await once(socket, 'connect')
  const arrived = once(entered, 'request')
  socket.write(
    'POST /items HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"name":',
  )
  // Hang up once the app is reading the body (before, the server may not have seen the request).
  await arrived
  socket.destroy()
  await vi.waitFor(() => expect(statuses).toEqual([499]))
  expect(logged).toEqual([])
  await server.close()
})
