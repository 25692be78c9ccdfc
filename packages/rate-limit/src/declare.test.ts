import { createApp, depends, route, router } from '@sluice/core'
import { serve } from '@sluice/core/node'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { UNKNOWN_CLIENT } from './client-address'
import { clientKey } from './client-key'
import { rateLimit } from './rate-limit'

const hello = route.get('/hello', {}, () => 'hello')
const statuses = async (app: { request: (path: string) => Response | Promise<Response> }) => {
  const seen = []
  for (let i = 0; i < 3; i++) seen.push((await app.request('/hello')).status)
  return seen
}

describe('a limit is declared like any dependency', () => {
  test("on the app's deps", async () => {
    const app = createApp({ deps: [rateLimit({ points: 2, duration: 60 })], routes: [hello] })
    expect(await statuses(app)).toEqual([200, 200, 429])
    expect(app.openapi().paths['/hello']?.get?.responses).toHaveProperty('429')
  })

  test("on a router's deps", async () => {
    const limited = router({ deps: [rateLimit({ points: 1, duration: 60 })] }, [hello])
    const app = createApp({ routes: [limited] })
    expect(await statuses(app)).toEqual([200, 429, 429])
  })

  test("on a route's deps, whose handler reads where the key stands", async () => {
    const limit = rateLimit({ points: 5, duration: 60 })
    const app = createApp({
      routes: [route.get('/hello', { deps: { limit } }, ({ limit }) => limit)],
    })
    const state = await (await app.request('/hello')).json()
    expect(state).toMatchObject({ name: '5-per-60s', points: 5, remaining: 4, key: UNKNOWN_CLIENT })
  })

  test('on both the router and its route, a request is counted once', async () => {
    const limit = rateLimit({ points: 2, duration: 60 })
    const app = createApp({
      routes: [
        router({ deps: [limit] }, [route.get('/hello', { dependencies: [limit] }, () => 1)]),
      ],
    })
    expect(await statuses(app)).toEqual([200, 200, 429])
  })
})

describe('what a limit counts by', () => {
  test('a key from the form: a login counted per account', async () => {
    // The route's inputs are read before dependencies run; Hono keeps the parsed form.
    const account = depends(async (_, { c }) => {
      const form = await c.req.parseBody()
      return `account:${String(form.username ?? '')}`
    })
    const login = route.post(
      '/token',
      {
        form: v.object({ username: v.string(), password: v.string() }),
        dependencies: [rateLimit({ name: 'login', points: 1, duration: 60, key: account })],
      },
      ({ form }) => form.username,
    )
    const app = createApp({ routes: [login] })
    const post = (username: string) =>
      app.request('/token', {
        method: 'POST',
        body: new URLSearchParams({ username, password: 'guess' }),
      })
    expect((await post('alice')).status).toBe(200)
    expect((await post('alice')).status).toBe(429)
    expect((await post('bob')).status).toBe(200)
  })

  test('by default, the address of the client that connected', async () => {
    const app = createApp({
      routes: [
        route.get(
          '/hello',
          {
            deps: { client: clientKey(), limit: rateLimit({ points: 1, duration: 60 }) },
          },
          ({ client }) => client,
        ),
      ],
    })
    const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
    try {
      const first = await fetch(`${server.url}/hello`)
      expect(await first.json()).toBe('127.0.0.1')
      expect(first.headers.get('ratelimit')).toBe('"1-per-60s";r=0;t=60')
      expect((await fetch(`${server.url}/hello`)).status).toBe(429)
      // Requests without a socket (app.request) are another client: one shared bucket.
      expect((await app.request('/hello')).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  test('long keys are hashed, so every store can hold them', async () => {
    const long = depends(() => 'x'.repeat(1000))
    const limit = rateLimit({ points: 1, duration: 60, key: long })
    const app = createApp({
      routes: [route.get('/hello', { deps: { limit } }, ({ limit }) => limit.key)],
    })
    expect(await (await app.request('/hello')).json()).toBe('x'.repeat(1000))
    expect((await app.request('/hello')).status).toBe(429)
  })
})

describe('a limit is checked when it is declared', () => {
  test.each([
    [{ points: 0, duration: 60 }, 'rateLimit(): points must be a positive integer, not 0'],
    [{ points: 5, duration: 0.5 }, 'rateLimit(): duration must be a positive integer, not 0.5'],
    [{ points: 5, duration: 60, cost: -1 }, 'rateLimit(): cost must be a positive integer, not -1'],
    [{ points: 5, duration: 60, name: 'é' }, 'rateLimit(): name must be printable ASCII, not "é"'],
  ])('%o', (options, message) => {
    expect(() => rateLimit(options)).toThrow(message)
  })

  test('the 429 can say what was limited', async () => {
    const detail = 'Too many login attempts, try again later'
    const limit = rateLimit({ points: 1, duration: 60, detail })
    const app = createApp({ routes: [route.get('/hello', { dependencies: [limit] }, () => 1)] })
    await app.request('/hello')
    expect(await (await app.request('/hello')).json()).toEqual({ detail })
  })

  test('a name with quotes is escaped in the header fields', async () => {
    const limit = rateLimit({ points: 1, duration: 60, name: 'say "hi"' })
    const app = createApp({ routes: [route.get('/hello', { dependencies: [limit] }, () => 1)] })
    const response = await app.request('/hello')
    expect(response.headers.get('ratelimit-policy')).toBe('"say \\"hi\\"";q=1;w=60')
  })
})
