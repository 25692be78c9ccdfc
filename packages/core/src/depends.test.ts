import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { executionContext } from '../test-fixtures/execution-context'
import {
  createApp,
  depends,
  HTTPException,
  type Logger,
  requireScopes,
  route,
  router,
} from './index'

describe('per-request resolution', () => {
  test('a dependency used in several places runs once per request', async () => {
    let calls = 0
    const counter = depends(() => ++calls)
    const a = depends({ counter }, ({ counter }) => counter)
    const b = depends({ counter }, ({ counter }) => counter)
    const app = createApp({
      routes: [route.get('/', { deps: { a, b, counter } }, ({ a, b, counter }) => [a, b, counter])],
    })
    expect(await (await app.request('/')).json()).toEqual([1, 1, 1])
    expect(await (await app.request('/')).json()).toEqual([2, 2, 2])
  })

  test('cache: false runs the factory for every use', async () => {
    let calls = 0
    const fresh = depends(() => ++calls, { cache: false })
    const a = depends({ fresh }, ({ fresh }) => fresh)
    const app = createApp({
      routes: [route.get('/', { deps: { a, fresh } }, ({ a, fresh }) => [a, fresh])],
    })
    expect(await (await app.request('/')).json()).toEqual([1, 2])
  })

  test("a dependency's own inputs are validated with the route's, all issues at once", async () => {
    const pagination = depends(
      {
        query: v.object({
          skip: v.optional(v.pipe(v.number(), v.minValue(0)), 0),
          limit: v.optional(v.number(), 20),
        }),
      },
      ({ query }) => ({ offset: query.skip, limit: query.limit }),
    )
    const tenant = depends(
      { headers: v.object({ x_tenant: v.string() }) },
      ({ headers }) => headers.x_tenant,
    )
    const scoped = depends({ tenant, pagination }, ({ tenant, pagination }) => ({
      tenant,
      ...pagination,
    }))
    const app = createApp({
      routes: [
        route.get(
          '/items',
          { query: v.object({ q: v.optional(v.string()) }), deps: { scoped } },
          ({ query, scoped }) => ({ ...query, ...scoped }),
        ),
      ],
    })
    const ok = await app.request('/items?q=pen&skip=40', { headers: { 'x-tenant': 'acme' } })
    expect(await ok.json()).toEqual({ q: 'pen', tenant: 'acme', offset: 40, limit: 20 })
    const bad = await app.request('/items?skip=-1&limit=many')
    expect(bad.status).toBe(422)
    expect((await bad.json()).detail.map((issue: { loc: unknown[] }) => issue.loc)).toEqual([
      ['header', 'x-tenant'],
      ['query', 'skip'],
      ['query', 'limit'],
    ])
  })

  test('router and app dependencies run for every route below them, outermost first', async () => {
    const order: string[] = []
    const appWide = depends(() => void order.push('app'))
    const outer = depends(() => void order.push('outer'))
    const inner = depends(() => void order.push('inner'))
    const leaf = route.get('/leaf', {}, () => order.push('handler'))
    const app = createApp({
      deps: [appWide],
      routes: [
        router({ prefix: '/a', deps: [outer] }, [router({ prefix: '/b', deps: [inner] }, [leaf])]),
      ],
    })
    await app.request('/a/b/leaf')
    expect(order).toEqual(['app', 'outer', 'inner', 'handler'])
  })

  test('a dependency can refuse the request', async () => {
    const admin = depends(
      { headers: v.object({ x_role: v.optional(v.string()) }) },
      ({ headers }) => {
        if (headers.x_role !== 'admin') throw new HTTPException(403, 'Admins only')
      },
    )
    const app = createApp({
      routes: [router({ deps: [admin] }, [route.get('/secret', {}, () => 'ok')])],
    })
    expect((await app.request('/secret')).status).toBe(403)
    expect((await app.request('/secret', { headers: { 'x-role': 'admin' } })).status).toBe(200)
  })

  test('the factory gets the Hono context and can schedule background work', async () => {
    const ran: string[] = []
    const path = depends((_, { c, background }) => {
      background(() => ran.push(`after ${c.req.path}`))
      return c.req.path
    })
    const app = createApp({ routes: [route.get('/where', { deps: { path } }, ({ path }) => path)] })
    const { ctx, settled } = executionContext()
    expect(await (await app.request('/where', {}, {}, ctx)).json()).toBe('/where')
    await settled()
    expect(ran).toEqual(['after /where'])
  })
})

describe('cleanup after the response', () => {
  test('background tasks run after the response, then generators and disposables are cleaned up in reverse order', async () => {
    const events: string[] = []
    const first = depends(function* () {
      events.push('open first')
      yield 'first'
      events.push('close first')
    })
    const second = depends({ first }, async function* ({ first }) {
      events.push(`open second after ${first}`)
      yield 'second'
      events.push('close second')
    })
    const third = depends({ second }, () => ({
      [Symbol.asyncDispose]: async () => void events.push('dispose third'),
    }))
    const app = createApp({
      routes: [
        route.get('/', { deps: { third } }, ({ background }) => {
          events.push('handler')
          background(() => events.push('background'))
          return 'ok'
        }),
      ],
    })
    const { ctx, settled } = executionContext()
    await app.request('/', {}, {}, ctx)
    await settled()
    expect(events).toEqual([
      'open first',
      'open second after first',
      'handler',
      'background',
      'dispose third',
      'close second',
      'close first',
    ])
  })

  test('cleanup runs when the handler throws, and a generator sees the error', async () => {
    const events: string[] = []
    const tx = depends(async function* () {
      events.push('begin')
      try {
        yield 'tx'
        events.push('commit')
      } catch (error) {
        events.push(`rollback: ${(error as Error).message}`)
        throw error
      }
    })
    const app = createApp({
      routes: [
        route.post('/fail', { deps: { tx } }, () => {
          throw new HTTPException(409, 'Conflict after writes')
        }),
        route.post('/ok', { deps: { tx } }, () => 'done'),
      ],
    })
    const { ctx, settled } = executionContext()
    const res = await app.request('/fail', { method: 'POST' }, {}, ctx)
    expect(res.status).toBe(409)
    await app.request('/ok', { method: 'POST' }, {}, ctx)
    await settled()
    expect(events).toEqual(['begin', 'rollback: Conflict after writes', 'begin', 'commit'])
  })

  test('cleanup runs when a later dependency throws', async () => {
    const events: string[] = []
    const resource = depends(function* () {
      try {
        yield 'r'
      } finally {
        events.push('released')
      }
    })
    const failing = depends({ resource }, () => {
      throw new Error('boom')
    })
    const logged: string[] = []
    const logger: Logger = { error: (message) => logged.push(message) }
    const app = createApp({
      routes: [route.get('/', { deps: { failing } }, () => 'never')],
      logger,
    })
    const { ctx, settled } = executionContext()
    const res = await app.request('/', {}, {}, ctx)
    await settled()
    expect(res.status).toBe(500)
    expect(events).toEqual(['released'])
    expect(logged).toEqual(['Unhandled error while serving a request'])
  })

  test('a failing cleanup is logged and does not stop the others', async () => {
    const events: string[] = []
    const logged: unknown[] = []
    const a = depends(function* () {
      yield 1
      events.push('a closed')
    })
    const b = depends({ a }, function* () {
      yield 2
      throw new Error('cleanup failed')
    })
    const app = createApp({
      routes: [route.get('/', { deps: { b } }, () => 'ok')],
      logger: { error: (_, error) => logged.push(error) },
    })
    const { ctx, settled } = executionContext()
    expect((await app.request('/', {}, {}, ctx)).status).toBe(200)
    await settled()
    expect(events).toEqual(['a closed'])
    expect(logged).toEqual([new Error('cleanup failed')])
  })

  test('a generator that never yields is a server error', async () => {
    const logged: unknown[] = []
    // biome-ignore lint/correctness/useYield: the point of the test
    const broken = depends(function* () {
      return
    })
    const app = createApp({
      routes: [route.get('/', { deps: { broken } }, () => 'ok')],
      logger: { error: (_, error) => logged.push(error) },
    })
    expect((await app.request('/')).status).toBe(500)
    expect(String(logged[0])).toMatch(/returned without yielding/)
  })
})

describe('app-scoped dependencies and the lifespan', () => {
  test('created once on first use, disposed at shutdown after the lifespan teardown order', async () => {
    const events: string[] = []
    let created = 0
    const pool = depends(
      async function* () {
        created++
        events.push('pool open')
        yield { id: created }
        events.push('pool closed')
      },
      { scope: 'app' },
    )
    const repo = depends({ pool }, ({ pool }) => pool.id)
    const app = createApp({
      routes: [route.get('/', { deps: { repo } }, ({ repo }) => repo)],
      lifespan: async function* () {
        events.push('startup')
        yield
        events.push('teardown')
      },
    })
    const answers = await Promise.all([app.request('/'), app.request('/'), app.request('/')])
    expect(await Promise.all(answers.map((res) => res.json()))).toEqual([1, 1, 1])
    expect(created).toBe(1)
    await app.shutdown()
    expect(events).toEqual(['startup', 'pool open', 'pool closed', 'teardown'])
  })

  test('a failed creation is retried by the next request', async () => {
    let attempts = 0
    const flaky = depends(
      () => {
        attempts++
        if (attempts === 1) throw new Error('not yet')
        return 'ready'
      },
      { scope: 'app' },
    )
    const app = createApp({
      routes: [route.get('/', { deps: { flaky } }, ({ flaky }) => flaky)],
      logger: { error() {} },
    })
    expect((await app.request('/')).status).toBe(500)
    expect(await (await app.request('/')).json()).toBe('ready')
  })

  test('an app-scoped dependency cannot read the request', () => {
    const perRequest = depends(() => 1)
    expect(() => depends({ perRequest }, () => 2, { scope: 'app' })).toThrow(
      /cannot depend on request-scoped/,
    )
    expect(() => depends({ query: v.object({}) }, () => 2, { scope: 'app' })).toThrow(
      /cannot read request query/,
    )
  })
})

describe('overrides', () => {
  test('replace a dependency everywhere, with a value or another dependency, until cleared', async () => {
    const user = depends(
      { headers: v.object({ authorization: v.string() }) },
      ({ headers }) => headers.authorization,
    )
    const greeting = depends({ user }, ({ user }) => `hello ${user}`)
    const app = createApp({
      routes: [route.get('/', { deps: { greeting } }, ({ greeting }) => greeting)],
    })
    expect((await app.request('/')).status).toBe(422)

    app.override(user, () => 'tester')
    expect(await (await app.request('/')).json()).toBe('hello tester')

    app.override(
      user,
      depends({ query: v.object({ as: v.string() }) }, ({ query }) => query.as),
    )
    expect(await (await app.request('/?as=ada')).json()).toBe('hello ada')

    app.clearOverrides()
    expect(await (await app.request('/', { headers: { authorization: 'real' } })).json()).toBe(
      'hello real',
    )
  })

  test('a cycle is rejected with a message naming it', () => {
    const a = depends(() => 1, { name: 'a' })
    const b = depends({ a }, () => 2, { name: 'b' })
    const app = createApp({ routes: [route.get('/', { deps: { b } }, () => 'ok')] })
    expect(() =>
      app.override(
        a,
        depends({ b }, () => 3, { name: 'a2' }),
      ),
    ).toThrow('Dependency cycle: b -> a -> b')
  })
})

describe('scopes', () => {
  test('a dependency sees the union of scopes required along the path', async () => {
    const token = depends((_, { scopes }) => scopes, { name: 'token' })
    const user = depends({ token }, ({ token }, { scopes }) => ({ token, scopes }))
    const admin = depends({ user: requireScopes(user, ['admin']) }, ({ user }) => user)
    const app = createApp({
      routes: [
        route.get('/plain', { deps: { user } }, ({ user }) => user),
        route.get(
          '/write',
          { deps: { user: requireScopes(user, ['todos:write']), admin } },
          ({ user, admin }) => ({
            user,
            admin,
          }),
        ),
      ],
    })
    expect(await (await app.request('/plain')).json()).toEqual({ token: [], scopes: [] })
    expect(await (await app.request('/write')).json()).toEqual({
      user: { token: ['todos:write'], scopes: ['todos:write'] },
      admin: { token: ['admin'], scopes: ['admin'] },
    })
  })

  test('scopes come in FastAPI’s order: those required further up first, each once', async () => {
    const user = depends((_, { scopes }) => scopes)
    const active = depends({ user: requireScopes(user, ['scope1', 'scope3']) }, ({ user }) => user)
    const app = createApp({
      routes: [
        route.get(
          '/',
          { deps: { active: requireScopes(active, ['scope3', 'scope2']) } },
          ({ active }) => active,
        ),
      ],
    })
    expect(await (await app.request('/')).json()).toEqual(['scope3', 'scope2', 'scope1'])
  })

  test('a security dependency carries its scheme and the required scopes into the plan', () => {
    const bearer = depends(() => 'token', {
      security: { name: 'bearer', scheme: { type: 'http', scheme: 'bearer' } },
    })
    const scoped = requireScopes(requireScopes(bearer, ['a']), ['b'])
    expect(scoped.scopes).toEqual(['a', 'b'])
    expect(scoped.base).toBe(bearer)
    expect(scoped.security).toEqual({ name: 'bearer', scheme: { type: 'http', scheme: 'bearer' } })
  })
})

describe('declaration errors', () => {
  test('inputs must be request sources or dependencies', () => {
    expect(() => depends({ query: 'nope' as never }, () => 1)).toThrow(
      /must be a valibot object schema/,
    )
    expect(() => depends({ other: 42 as never }, () => 1)).toThrow(
      /neither a request source nor a dependency/,
    )
  })
})
