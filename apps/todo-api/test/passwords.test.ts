import { nodeHashingQueue } from '@sluice/auth/node'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import fastapi from '../../../packages/auth/src/fixtures/fastapi-hashes.json' with { type: 'json' }
import { PASSWORD, type TestApp, testApp } from './helpers'

// Sign-ups, logins and password changes hash with scrypt at its production cost (N=2^17):
// on a loaded 2-CPU machine a test doing several of them outlasts vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let t: TestApp

beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t.close())

const register = (email: string) => t.json('POST', '/auth/register', { email, password: PASSWORD })

describe('password hashing under a burst', () => {
  it('runs at most one hash per CPU; past the waiting line registrations get 503 with Retry-After', async () => {
    const { concurrency, maxWaiting } = nodeHashingQueue
    let peak = 0
    // Hashes run on libuv's threads, so the event loop is free to watch them.
    const watch = setInterval(() => {
      peak = Math.max(peak, nodeHashingQueue.running)
    }, 1)
    const burst = 2 * (concurrency + maxWaiting)
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, i) => register(`burst${i}@example.com`)),
    )
    clearInterval(watch)

    // At least a full line is served; on a slow machine a hash may end (and take one more) before all arrive.
    const statuses = answers.map((answer) => answer.status)
    const created = statuses.filter((status) => status === 201).length
    expect(created).toBeGreaterThanOrEqual(concurrency + maxWaiting)
    expect(statuses.filter((status) => status === 503)).toHaveLength(burst - created)
    expect(created).toBeLessThan(burst)
    const busy = answers.find((answer) => answer.status === 503)!
    expect(busy.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
    expect(await busy.json()).toEqual({
      detail: 'Too many password checks in progress; retry later',
    })
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThanOrEqual(concurrency)
  }, 60_000)
})

describe('a user table moved from FastAPI', () => {
  it.each(Object.entries(fastapi.hashes))(
    'logs in with a %s hash and stores a scrypt hash instead',
    async (name, hash) => {
      const db = await t.database()
      const email = `${name.toLowerCase()}@example.com`
      await db.orm.insert(db.tables.users).values({ email, password_hash: hash })

      expect((await t.login(email, 'wrong-password-1')).status).toBe(401)
      expect((await t.login(email, fastapi.password)).status).toBe(200)
      const [user] = await db.orm
        .select()
        .from(db.tables.users)
        .where(eq(db.tables.users.email, email))
      expect(user?.password_hash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/)
      expect((await t.login(email, fastapi.password)).status).toBe(200)
    },
  )
})
