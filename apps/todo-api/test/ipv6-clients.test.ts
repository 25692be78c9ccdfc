import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { onPostgres } from './database'
import { PASSWORD } from './helpers'
import { namespaceUnavailable, requestsFrom, serverInNamespace } from './netns'
import type { ServerProcess } from './process'

/*
 * One IPv6 client owns a whole /64: the rate limits count per /64 (the default
 * RATE_LIMIT_IPV6_PREFIX), so the addresses of one /64 share one bucket, and
 * another /64 has its own. Real sockets from real source addresses, in a network
 * namespace the test makes (see ./netns); SQLite, as the namespace cannot reach a
 * PostgreSQL server outside it.
 */
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 })

/** 13 addresses of 2001:db8::/64, the server on the first. */
const ONE_NETWORK = Array.from({ length: 13 }, (_, i) => `2001:db8::${(i + 1).toString(16)}`)
const OTHER_NETWORK = '2001:db8:0:1::1'

if (namespaceUnavailable) console.warn(`Skipping the IPv6 client tests: ${namespaceUnavailable}`)

describe.skipIf(onPostgres || namespaceUnavailable)('rate limits of IPv6 clients', () => {
  const dir = mkdtempSync(join(tmpdir(), 'todo-api-ipv6-'))
  let server: ServerProcess
  let url: string
  beforeAll(async () => {
    server = serverInNamespace([...ONE_NETWORK, OTHER_NETWORK], {
      DATABASE_URL: join(dir, 'todo.db'),
      JWT_SECRET: 'a secret of at least thirty-two bytes for ipv6',
    })
    url = await server.listening
  })
  afterAll(() => {
    server?.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  const register = (from: string, email: string) => ({
    from,
    method: 'POST',
    path: '/auth/register',
    json: { email, password: PASSWORD },
  })

  it('counts registrations per /64: 10 of 13 addresses of one /64 register, another /64 still can', async () => {
    const statuses = await requestsFrom(server, url, [
      ...ONE_NETWORK.map((from, i) => register(from, `v6-${i}@example.com`)),
      register(OTHER_NETWORK, 'other-network@example.com'),
    ])
    const created = statuses.slice(0, -1).filter((status) => status === 201).length
    expect(created).toBe(10)
    expect(statuses.slice(10, -1)).toEqual([429, 429, 429])
    expect(statuses.at(-1)).toBe(201)
  })

  it('counts password guesses at one account per /64: 5 are tried, then 429', async () => {
    const guesses = await requestsFrom(
      server,
      url,
      ONE_NETWORK.map((from, i) => ({
        from,
        method: 'POST',
        path: '/auth/token',
        form: { username: 'v6-0@example.com', password: `wrong-guess-${i}` },
      })),
    )
    expect(guesses.filter((status) => status === 401)).toHaveLength(5)
    expect(guesses.slice(5)).toEqual(Array(8).fill(429))
  })
})
