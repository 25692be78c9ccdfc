import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RUN, testStores } from './fixtures/stores'
import { rateLimit } from './rate-limit'
import type { RateLimitStore } from './stores'

/** The key the tests count by: an `X-Client` header, so each test picks its own clients. */
const byHeader = depends({ headers: v.object({ x_client: v.string() }) }, ({ headers }) => {
  return headers.x_client
})

let names = 0
/** A policy name no other test (or earlier run) uses: counters are per name. */
const unique = (label: string) => `${label}-${RUN}-${++names}`

const get =
  (app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) =>
  (client = 'a') =>
    app.request('/items', { headers: { 'x-client': client } })

describe.each(testStores)('rate limits on the $name store', ({ skip, open }) => {
  let store: RateLimitStore
  let close = async () => {}
  beforeAll(async () => {
    if (skip) return
    ;({ store, close } = await open())
  })
  afterAll(() => close())

  /** An app with one route guarded by the given limits. */
  function appWith(...limits: ReturnType<typeof rateLimit>[]) {
    const items = route.get('/items', { dependencies: limits }, () => ({ ok: true }))
    return createApp({ routes: [items] })
  }
  // 'reject': a failing store answers 503 and fails the test instead of counting in memory unseen.
  const limit = (points: number, duration: number, name = unique('items')) =>
    rateLimit({ name, points, duration, store, key: byHeader, whenStoreFails: 'reject' })

  // First, so that on PostgreSQL the two limits create the run's fresh table while 40 requests wait for it.
  test.skipIf(skip)('40 concurrent requests with 5 points: exactly 5 get through', async () => {
    let handled = 0
    const limits = [limit(100, 60), limit(5, 60)]
    const items = route.get('/items', { dependencies: limits }, () => ++handled)
    const request = get(createApp({ routes: [items] }))
    const responses = await Promise.all(Array.from({ length: 40 }, () => request()))
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(5)
    expect(statuses.filter((status) => status === 429)).toHaveLength(35)
    expect(handled).toBe(5)
  })

  test.skipIf(skip)('within the limit, each response says what is left', async () => {
    const name = unique('within')
    const request = get(appWith(limit(3, 60, name)))
    for (const remaining of [2, 1, 0]) {
      const response = await request()
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ ok: true })
      expect(response.headers.get('ratelimit-policy')).toBe(`"${name}";q=3;w=60`)
      const field = response.headers.get('ratelimit')
      expect(field).toMatch(new RegExp(`^"${name}";r=${remaining};t=\\d+$`))
      const reset = Number(field!.split('t=')[1])
      expect(reset).toBeGreaterThanOrEqual(59)
      expect(reset).toBeLessThanOrEqual(60)
    }
  })

  test.skipIf(skip)('over the limit: 429 with Retry-After and the RateLimit fields', async () => {
    const name = unique('over')
    const request = get(appWith(limit(2, 60, name)))
    await request()
    await request()
    const response = await request()
    expect(response.status).toBe(429)
    expect(await response.json()).toEqual({ detail: 'Too Many Requests' })
    const retryAfter = Number(response.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(59)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(response.headers.get('ratelimit-policy')).toBe(`"${name}";q=2;w=60`)
    expect(response.headers.get('ratelimit')).toBe(`"${name}";r=0;t=${retryAfter}`)
  })

  test.skipIf(skip)('each key has its own count', async () => {
    const request = get(appWith(limit(1, 60)))
    expect((await request('alice')).status).toBe(200)
    expect((await request('bob')).status).toBe(200)
    expect((await request('alice')).status).toBe(429)
    expect((await request('bob')).status).toBe(429)
  })

  test.skipIf(skip)('the window resets', async () => {
    const request = get(appWith(limit(1, 1)))
    expect((await request()).status).toBe(200)
    const refused = await request()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await request()).status).toBe(200)
  })

  test.skipIf(skip)('several limits on one route each add their item', async () => {
    const [steady, burst] = [unique('steady'), unique('burst')]
    const request = get(appWith(limit(10, 60, steady), limit(2, 1, burst)))
    const first = await request()
    expect(first.headers.get('ratelimit-policy')).toBe(`"${steady}";q=10;w=60, "${burst}";q=2;w=1`)
    expect(first.headers.get('ratelimit')).toMatch(
      new RegExp(`^"${steady}";r=9;t=(59|60), "${burst}";r=1;t=1$`),
    )
    await request()
    const refused = await request()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(refused.headers.get('ratelimit-policy')).toBe(
      `"${steady}";q=10;w=60, "${burst}";q=2;w=1`,
    )
    expect(refused.headers.get('ratelimit')).toMatch(
      new RegExp(`^"${steady}";r=7;t=(59|60), "${burst}";r=0;t=1$`),
    )
  })

  test.skipIf(skip)('a refund gives the request its point back', async () => {
    const attempts = limit(2, 60)
    const login = route.post(
      '/login',
      { query: v.object({ password: v.string() }), deps: { attempt: attempts } },
      async ({ query, attempt }) => {
        if (query.password !== 'right') return { ok: false }
        await attempt.refund()
        await attempt.refund() // once per request, however often it is asked
        return { ok: true, remaining: attempt.remaining }
      },
    )
    const app = createApp({ routes: [login] })
    const post = (password: string) =>
      app.request(`/login?password=${password}`, { method: 'POST', headers: { 'x-client': 'a' } })
    for (let i = 0; i < 5; i++) expect((await post('right')).status).toBe(200)
    expect((await post('wrong')).status).toBe(200)
    expect((await post('wrong')).status).toBe(200)
    expect((await post('right')).status).toBe(429)
  })

  test.skipIf(skip)('the OpenAPI document lists the 429 of every operation it guards', () => {
    const doc = appWith(limit(1, 60)).openapi()
    expect(doc.paths['/items']?.get?.responses['429']).toEqual({
      description: 'Too Many Requests',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } },
    })
  })
})
