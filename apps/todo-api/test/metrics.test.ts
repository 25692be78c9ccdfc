import { serve } from '@sluice/core/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, type TestApp, testApp } from './helpers'
import { openSocket } from './live-clients'

/** Every sample of `name` in a scrape, as its label text (`method="GET",route=…`) and value. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const [, labels = '', value] of text.matchAll(
    new RegExp(`^${name}(?:\\{(.*)\\})? (\\S+)$`, 'gm'),
  ))
    found.set(labels, Number(value))
  return found
}

describe('metrics', () => {
  let t: TestApp
  const scrape = async () => {
    const res = await t.request('/metrics')
    expect(res.status).toBe(200)
    return res.text()
  }

  beforeAll(async () => {
    t = await testApp({ METRICS_ENABLED: 'true', LOGIN_MAX_FAILURES: '1' })
  })
  afterAll(() => t.close())

  it('are off by default', async () => {
    const quiet = await testApp()
    try {
      expect((await quiet.request('/metrics')).status).toBe(404)
    } finally {
      await quiet.close()
    }
  })

  it('count requests by route template and status, never by raw path', async () => {
    const { access } = await t.signUp('counted@example.com')
    const created = await t.json('POST', '/todos', { title: 'Milk' }, access)
    const { id } = (await created.json()) as { id: number }
    expect((await t.json('GET', `/todos/${id}`, undefined, access)).status).toBe(200)
    expect((await t.json('GET', `/todos/${id + 1000}`, undefined, access)).status).toBe(404)

    const total = samples(await scrape(), 'http_requests_total')
    expect(total.get('method="GET",route="/todos/:id",status="200"')).toBe(1)
    expect(total.get('method="GET",route="/todos/:id",status="404"')).toBe(1)
    expect(total.get('method="POST",route="/todos",status="201"')).toBe(1)
    for (const labels of total.keys()) expect(labels).not.toMatch(/route="[^"]*\d/)
  })

  it('give every unknown path one series', async () => {
    await t.request(`/${crypto.randomUUID()}`)
    const before = samples(await scrape(), 'http_requests_total')
    await t.request(`/${crypto.randomUUID()}`)
    await t.request(`/todos/${crypto.randomUUID()}/${crypto.randomUUID()}`)
    const after = samples(await scrape(), 'http_requests_total')

    const unknown = 'method="GET",route="none",status="404"'
    expect(after.get(unknown)).toBe((before.get(unknown) ?? 0) + 2)
    expect([...after.keys()].filter((labels) => !before.has(labels))).toEqual([])
  })

  it('count the refusals of each rate limit', async () => {
    await t.signUp('guessed@example.com')
    expect((await t.login('guessed@example.com', `${PASSWORD}-wrong`)).status).toBe(401)
    expect((await t.login('guessed@example.com', `${PASSWORD}-wrong`)).status).toBe(429)

    const refused = samples(await scrape(), 'sluice_rate_limit_rejections_total')
    expect(refused.get('limit="login"')).toBe(1)
  })

  it('report open event streams, requests in flight and the process', async () => {
    const { access } = await t.signUp('listening@example.com')
    // Not t.request, which reads each body to its end.
    const stream = await t.app.request(`/todos/events?access_token=${access}`)
    expect(stream.status).toBe(200)
    const during = await scrape()
    await stream.body?.cancel()
    const after = await scrape()

    const open = (text: string) =>
      samples(text, 'sluice_open_connections').get('kind="event_stream"')
    expect([open(during), open(after)]).toEqual([1, 0])
    // The scrape itself is in flight while it is answered.
    expect(samples(after, 'http_requests_in_flight').get('')).toBe(1)
    expect(samples(after, 'process_resident_memory_bytes').get('')).toBeGreaterThan(0)
    expect(samples(after, 'nodejs_eventloop_lag_p99_seconds').size).toBe(1)
  })

  it('report the WebSockets open on the server', async () => {
    const { access } = await t.signUp('socket@example.com')
    const server = await serve(t.app, { port: 0, hostname: '127.0.0.1', signals: false })
    try {
      const openSockets = async () =>
        samples(await (await fetch(`${server.url}/metrics`)).text(), 'sluice_open_connections').get(
          'kind="websocket"',
        )
      const live = openSocket(server.url, access)
      await live.opened
      expect(await openSockets()).toBe(1)
      live.socket.close()
      await live.closed
      await expect.poll(openSockets).toBe(0)
    } finally {
      await server.close()
    }
  })
})
