import { requestId } from 'hono/request-id'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import {
  createApp,
  HTTPException,
  handle,
  httpExceptionHandler,
  RequestValidationError,
  requestValidationExceptionHandler,
  route,
} from './index'

const silent = { error() {} }

describe('unknown paths and methods', () => {
  const app = createApp({
    routes: [
      route.get('/todos/:id', { params: v.object({ id: v.number() }) }, () => 'ok'),
      route.delete('/todos/:id', { params: v.object({ id: v.number() }) }, () => 'ok'),
    ],
  })

  test('an unknown path is 404 Not Found', async () => {
    const res = await app.request('/nope')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ detail: 'Not Found' })
  })

  test('a known path with another method is 405 with Allow', async () => {
    const res = await app.request('/todos/1', { method: 'PUT' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('DELETE, GET, HEAD')
    expect(await res.json()).toEqual({ detail: 'Method Not Allowed' })
  })

  test('routes added with plain Hono count too', async () => {
    const mixed = createApp({ routes: [] })
    mixed.post('/hono-only', (c) => c.text('ok'))
    const res = await mixed.request('/hono-only')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
  })

  test('a handler for HTTPException shapes 404 and 405 too, and can delegate to the default', async () => {
    const seen: number[] = []
    const handled = createApp({
      routes: [route.get('/items', {}, () => [])],
      exceptionHandlers: [
        handle(HTTPException, (error, c) => {
          seen.push(error.status)
          return httpExceptionHandler(error, c)
        }),
      ],
    })
    const missing = await handled.request('/nope')
    expect([missing.status, await missing.json()]).toEqual([404, { detail: 'Not Found' }])
    const wrongMethod = await handled.request('/items', { method: 'POST' })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD')
    expect(await wrongMethod.json()).toEqual({ detail: 'Method Not Allowed' })
    expect(seen).toEqual([404, 405])
  })
})

describe('HEAD routes', () => {
  const app = createApp({
    routes: [
      route.get('/items', {}, ({ response }) => {
        response.headers.set('x-answered-by', 'get')
        return ['pen']
      }),
      route.head('/items', {}, ({ response }) => {
        response.headers.set('x-answered-by', 'head')
        return null
      }),
      route.head('/probe', {}, ({ response }) => {
        response.headers.set('x-answered-by', 'head')
        return null
      }),
    ],
  })

  test('a HEAD request runs the HEAD route, a GET request the GET route of the same path', async () => {
    const head = await app.request('/items', { method: 'HEAD' })
    expect([head.status, head.headers.get('x-answered-by'), await head.text()]).toEqual([
      200,
      'head',
      '',
    ])
    const get = await app.request('/items')
    expect([get.headers.get('x-answered-by'), await get.json()]).toEqual(['get', ['pen']])
  })

  test('a path with only a HEAD route answers GET with 405 and Allow: HEAD', async () => {
    expect((await app.request('/probe', { method: 'HEAD' })).headers.get('x-answered-by')).toBe(
      'head',
    )
    const get = await app.request('/probe')
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'HEAD'])
  })
})

describe('trailing slashes', () => {
  const app = createApp({
    routes: [
      route.get('/items/', {}, () => 'with slash'),
      route.post('/users', {}, () => 'without slash'),
    ],
  })

  test('a path known only with (or without) its trailing slash is a 307 there, query kept, any method', async () => {
    const get = await app.request('http://api.test/items?q=1')
    expect(get.status).toBe(307)
    expect(get.headers.get('location')).toBe('http://api.test/items/?q=1')
    expect(await get.text()).toBe('')
    const post = await app.request('http://api.test/users/', { method: 'POST' })
    expect([post.status, post.headers.get('location')]).toEqual([307, 'http://api.test/users'])
    const otherMethod = await app.request('/items', { method: 'DELETE' })
    expect(otherMethod.status).toBe(307)
  })

  test('an unknown path stays 404, and redirectSlashes: false turns redirects off', async () => {
    expect((await app.request('/nothing/')).status).toBe(404)
    const strict = createApp({
      routes: [route.get('/items/', {}, () => 'x')],
      redirectSlashes: false,
    })
    expect((await strict.request('/items')).status).toBe(404)
  })
})

test('requestValidationExceptionHandler is the default 422, in the app’s error format', async () => {
  const app = createApp({
    routes: [route.get('/', { query: v.object({ n: v.number() }) }, () => 'ok')],
    errorFormat: 'problem',
    exceptionHandlers: [
      handle(RequestValidationError, (error, c) => requestValidationExceptionHandler(error, c)),
    ],
  })
  const res = await app.request('/?n=x')
  expect(res.status).toBe(422)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
})

describe('unexpected errors', () => {
  test('are a 500 that reveals neither message nor stack, and are logged', async () => {
    const logged: unknown[] = []
    const app = createApp({
      routes: [
        route.get('/boom', {}, () => {
          throw new Error('secret database password in message')
        }),
      ],
      logger: { error: (_, error) => logged.push(error) },
    })
    const res = await app.request('/boom')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ detail: 'Internal Server Error' })
    expect(text).not.toMatch(/secret|at /)
    expect(logged).toEqual([new Error('secret database password in message')])
  })

  test('errors in plain Hono middleware get the same answer', async () => {
    const app = createApp({ routes: [], logger: silent })
    app.use('/mw/*', () => {
      throw new TypeError('middleware bug')
    })
    app.get('/mw/x', (c) => c.text('never'))
    const res = await app.request('/mw/x')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ detail: 'Internal Server Error' })
  })
})

describe('exception handlers', () => {
  class DomainError extends Error {}
  class OutOfStock extends DomainError {
    constructor(readonly sku: string) {
      super(`out of stock: ${sku}`)
    }
  }
  class Unmapped extends Error {}

  const app = createApp({
    routes: [
      route.get('/stock/:sku', { params: v.object({ sku: v.string() }) }, ({ params }) => {
        throw new OutOfStock(params.sku)
      }),
      route.get('/domain', {}, () => {
        throw new DomainError('generic')
      }),
      route.get('/rethrow', {}, () => {
        throw new Unmapped('x')
      }),
    ],
    exceptionHandlers: [
      handle(DomainError, () => Response.json({ detail: 'domain' }, { status: 400 })),
      handle(OutOfStock, (error) => Response.json({ detail: `no ${error.sku}` }, { status: 409 })),
      handle(Unmapped, () => {
        throw new HTTPException(418, "I'm a teapot")
      }),
    ],
  })

  test('the most specific class wins, whatever the order of registration', async () => {
    const res = await app.request('/stock/pen')
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({ detail: 'no pen' })
    expect((await app.request('/domain')).status).toBe(400)
  })

  test('a handler may answer by throwing an HTTPException', async () => {
    const res = await app.request('/rethrow')
    expect(res.status).toBe(418)
    expect(await res.json()).toEqual({ detail: "I'm a teapot" })
  })

  test('a handler that rethrows the error passes it to the handler of a more general class', async () => {
    // A library's handler for a broad class (a database package's for TypeError) answers only
    // the errors it recognises; the app's catch-all must still see the others.
    const layered = createApp({
      routes: [
        route.get('/type', {}, () => {
          throw new TypeError('not the database')
        }),
      ],
      exceptionHandlers: [
        handle(Error, () => Response.json({ detail: 'caught by the app' }, { status: 500 })),
        handle(TypeError, (error) => {
          throw error
        }),
      ],
      logger: silent,
    })
    const res = await layered.request('/type')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ detail: 'caught by the app' })
  })

  test('validation errors can be answered differently', async () => {
    const custom = createApp({
      routes: [route.get('/n', { query: v.object({ n: v.number() }) }, ({ query }) => query.n)],
      exceptionHandlers: [
        handle(RequestValidationError, (error) =>
          Response.json({ errors: error.issues.length }, { status: 400 }),
        ),
      ],
    })
    const res = await custom.request('/n?n=x')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ errors: 1 })
  })
})

describe('problem+json', () => {
  const app = createApp({
    errorFormat: 'problem',
    routes: [
      route.get('/n', { query: v.object({ n: v.number() }) }, ({ query }) => query.n),
      route.get('/gone', {}, () => {
        throw new HTTPException(410, 'This todo was deleted')
      }),
    ],
  })

  test('HTTP errors are RFC 9457 documents', async () => {
    const res = await app.request('/gone')
    expect(res.status).toBe(410)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Gone',
      status: 410,
      detail: 'This todo was deleted',
    })
  })

  test('validation errors list their issues under errors', async () => {
    const res = await app.request('/n?n=x')
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body).toMatchObject({ type: 'about:blank', title: 'Unprocessable Content', status: 422 })
    expect(body.errors[0]).toMatchObject({ loc: ['query', 'n'] })
  })

  test('404 and 405 follow the format', async () => {
    const res = await app.request('/missing')
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Not Found',
    })
  })
})

describe('middleware', () => {
  test('runs before every route, in order, and sees errors as responses', async () => {
    const seen: string[] = []
    const app = createApp({
      routes: [
        route.get('/ok', {}, () => 'ok'),
        route.get('/fail', {}, () => {
          throw new HTTPException(403, 'no')
        }),
      ],
      middleware: [
        async (c, next) => {
          seen.push(`first ${c.req.path}`)
          await next()
          c.header('x-served-by', 'sluice')
          seen.push(`first saw ${c.res.status}`)
        },
        async (_, next) => {
          seen.push('second')
          await next()
        },
      ],
    })
    const res = await app.request('/ok')
    expect(res.headers.get('x-served-by')).toBe('sluice')
    expect((await app.request('/fail')).status).toBe(403)
    expect((await app.request('/missing')).status).toBe(404)
    expect(seen).toEqual([
      'first /ok',
      'second',
      'first saw 200',
      'first /fail',
      'second',
      'first saw 403',
      'first /missing',
      'second',
      'first saw 404',
    ])
  })

  test('headers middleware set before the route stay on every error answer (a request id)', async () => {
    const app = createApp({
      routes: [
        route.get('/items/', { query: v.object({ n: v.number() }) }, () => {
          throw new HTTPException(409, 'Conflict')
        }),
        route.post('/items/', { body: v.object({}) }, () => 'ok'),
        route.get('/boom', {}, () => {
          throw new Error('bug')
        }),
      ],
      middleware: [requestId()],
      bodyLimit: 10,
      logger: silent,
    })
    const json = { method: 'POST', headers: { 'content-type': 'application/json' } }
    const answers = await Promise.all([
      app.request('/items/?n=1'),
      app.request('/items/?n=x'),
      app.request('/boom'),
      app.request('/nowhere'),
      app.request('/items/', { method: 'PUT' }),
      app.request('/items'),
      app.request('/items/', { ...json, body: '{' }),
      app.request('/items/', { ...json, body: JSON.stringify({ big: 'x'.repeat(20) }) }),
    ])
    expect(answers.map((res) => res.status)).toEqual([409, 422, 500, 404, 405, 307, 422, 413])
    for (const res of answers) expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/)
  })
})

describe('lifespan', () => {
  test('setup runs once before the first request; teardown at shutdown', async () => {
    const events: string[] = []
    const app = createApp({
      routes: [route.get('/', {}, () => events.push('request'))],
      lifespan: function* () {
        events.push('setup')
        yield
        events.push('teardown')
      },
    })
    await Promise.all([app.request('/'), app.request('/')])
    await app.shutdown()
    expect(events).toEqual(['setup', 'request', 'request', 'teardown'])
  })

  test('shutdown waits for work still running after responses', async () => {
    const events: string[] = []
    const app = createApp({
      routes: [
        route.post('/', {}, ({ background }) => {
          background(async () => {
            await new Promise((resolve) => setTimeout(resolve, 20))
            events.push('background done')
          })
          return 'accepted'
        }),
      ],
      lifespan: async function* () {
        yield
        events.push('teardown')
      },
    })
    expect((await app.request('/', { method: 'POST' })).status).toBe(200)
    await app.shutdown()
    expect(events).toEqual(['background done', 'teardown'])
  })

  test('a failing setup answers 500 and is retried', async () => {
    let attempts = 0
    const app = createApp({
      routes: [route.get('/', {}, () => 'ok')],
      logger: silent,
      lifespan: async function* () {
        attempts++
        if (attempts === 1) throw new Error('database not reachable')
        yield
      },
    })
    expect((await app.request('/')).status).toBe(500)
    expect((await app.request('/')).status).toBe(200)
    expect(attempts).toBe(2)
  })
})

describe('synchronous answers', () => {
  const app = createApp({
    routes: [
      route.get(
        '/items/:id',
        { params: v.object({ id: v.number() }), response: v.object({ id: v.number() }) },
        ({ params }) => ({ id: params.id, secret: 'filtered' }),
      ),
      route.get('/later', {}, async () => 'done'),
    ],
  })
  const fetchNow = (path: string) => app.fetch(new Request(`http://localhost${path}`))

  test('a route with nothing asynchronous answers without a promise once the app has started', async () => {
    await app.startup()
    const response = fetchNow('/items/7')
    expect(response).toBeInstanceOf(Response)
    expect(await (response as Response).json()).toEqual({ id: 7 })
  })

  test('an asynchronous handler or an invalid input still answers, through a promise', async () => {
    await app.startup()
    const later = fetchNow('/later')
    expect(later).toBeInstanceOf(Promise)
    expect(await (await later).json()).toBe('done')
    const invalid = await fetchNow('/items/seven')
    expect(invalid.status).toBe(422)
  })
})
