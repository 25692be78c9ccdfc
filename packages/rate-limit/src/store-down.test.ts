import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { createApp, route } from '@sluice/core'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterEach, describe, expect, test } from 'vitest'
import { RUN } from './fixtures/stores'
import { type RateLimitOptions, rateLimit } from './rate-limit'
import { postgresStore, type RateLimitStore, redisStore } from './stores'

/** A port nothing listens on: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** Collects what a limit reports, to read it back. */
function warnings() {
  const lines: string[] = []
  return { lines, logger: { warn: (message: string) => void lines.push(message) } }
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function unreachableRedis(): Promise<RateLimitStore> {
  const client = new Redis({ host: '127.0.0.1', port: await closedPort(), retryStrategy: () => 50 })
  client.on('error', () => {}) // every reconnection fails; the limit reports the outage once
  cleanups.push(() => client.disconnect())
  return redisStore(client, { prefix: RUN })
}

async function unreachablePostgres(): Promise<RateLimitStore> {
  const port = await closedPort()
  const pool = new pg.Pool({ connectionString: `postgres://sluice:sluice@127.0.0.1:${port}/none` })
  cleanups.push(() => pool.end())
  return postgresStore(pool)
}

function appWith(options: RateLimitOptions) {
  const items = route.get('/items', { dependencies: [rateLimit(options)] }, () => ({ ok: true }))
  return createApp({ routes: [items] })
}

describe.each([
  { name: 'Redis', unreachable: unreachableRedis },
  { name: 'PostgreSQL', unreachable: unreachablePostgres },
])('an unreachable $name store', ({ name, unreachable }) => {
  test('by default, the limit holds in memory and one warning says so', async () => {
    const { lines, logger } = warnings()
    const app = appWith({ points: 2, duration: 60, store: await unreachable(), logger })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/items')).status)
    expect(statuses).toEqual([200, 200, 429, 429])
    expect(lines).toEqual([
      `rate limit "2-per-60s": the ${name} store failed, counting in memory meanwhile`,
    ])
  })

  test("with whenStoreFails: 'reject', requests are answered 503", async () => {
    const { lines, logger } = warnings()
    const store = await unreachable()
    const app = appWith({ points: 2, duration: 60, store, logger, whenStoreFails: 'reject' })
    const response = await app.request('/items')
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ detail: 'Service Unavailable' })
    expect(lines).toEqual([
      `rate limit "2-per-60s": the ${name} store failed, answering 503 meanwhile`,
    ])
    expect(app.openapi().paths['/items']?.get?.responses).toHaveProperty('503')
  })
})

describe.skipIf(!process.env.TEST_REDIS_URL)('a Redis server that stops and comes back', () => {
  let server: ChildProcess | undefined

  async function startRedis(port: number) {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', ''])
    cleanups.push(() => server?.kill())
    const ready = (chunk: Buffer) => chunk.toString().includes('Ready to accept connections')
    for await (const chunk of server.stdout!) if (ready(chunk)) break
  }

  test('the limit counts in memory while it is down, and in Redis again once it is back', async () => {
    const port = await closedPort()
    await startRedis(port)
    const client = new Redis({ host: '127.0.0.1', port, retryStrategy: () => 50 })
    client.on('error', () => {})
    cleanups.push(() => client.disconnect())
    await client.ping()
    const { lines, logger } = warnings()
    const name = `restart-${RUN}`
    const app = appWith({ name, points: 3, duration: 60, store: redisStore(client), logger })

    expect((await app.request('/items')).status).toBe(200)
    server!.kill()
    await once(client, 'close')
    expect((await app.request('/items')).status).toBe(200) // counted in memory
    expect(lines).toEqual([
      `rate limit "${name}": the Redis store failed, counting in memory meanwhile`,
    ])

    await startRedis(port)
    await once(client, 'ready')
    const response = await app.request('/items')
    expect(response.status).toBe(200)
    // A fresh server without persistence: its count starts again.
    expect(response.headers.get('ratelimit')).toBe(`"${name}";r=2;t=60`)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(`rate limit "${name}": the Redis store is back`)
  })
})
