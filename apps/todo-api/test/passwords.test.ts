import { bcryptHasher, nodeHashingQueue } from '@sluice/auth/node'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import fastapi from '../../../packages/auth/src/fixtures/fastapi-hashes.json' with { type: 'json' }
import { logger } from '../src/logging'
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

describe('hashes this app did not write', () => {
  let app: TestApp
  const errors: string[] = []
  beforeAll(async () => {
    app = await testApp(
      {},
      logger('error', (line) => errors.push(line)),
    )
  })
  afterAll(() => app.close())

  const withHash = async (email: string, password_hash: string) => {
    const db = await app.database()
    const [user] = await db.orm.insert(db.tables.users).values({ email, password_hash }).returning()
    return user!
  }
  const storedHash = async (email: string) => {
    const db = await app.database()
    const [user] = await db.orm
      .select()
      .from(db.tables.users)
      .where(eq(db.tables.users.email, email))
    return user?.password_hash
  }

  it('logs in with a $2y$ bcrypt hash (PHP’s, read by passlib) and stores a scrypt hash instead', async () => {
    await withHash('php@example.com', fastapi.hashes.passlibBcrypt.replace(/^\$2b\$/, '$2y$'))
    expect((await app.login('php@example.com', 'wrong-password-1')).status).toBe(401)
    expect((await app.login('php@example.com', fastapi.password)).status).toBe(200)
    expect(await storedHash('php@example.com')).toMatch(/^\$scrypt\$/)
  })

  it.each([
    ['a bcrypt hash cut short', fastapi.hashes.passlibBcrypt.slice(0, 30)],
    ['an algorithm nobody reads', '$md5$c2FsdA$aGFzaA'],
    ['no hash at all', 'correct-horse-42'],
  ])(
    'answers a login to an account with %s as a wrong password, and logs an error',
    async (kind, hash) => {
      const email = `unreadable-${errors.length}@example.com`
      const user = await withHash(email, hash)
      const before = errors.length
      const res = await app.login(email, PASSWORD)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ detail: 'Incorrect email or password' })
      const logged = errors.slice(before).map((line) => JSON.parse(line))
      expect(logged).toEqual([
        expect.objectContaining({
          level: 'error',
          message: `The password hash of user ${user.id} cannot be read; login refused`,
        }),
      ])
      // The hash itself never reaches the log.
      expect(errors.slice(before).join('\n')).not.toContain(hash)
      expect(kind).toBeTruthy()
    },
  )

  it('refuses a password change over a hash nobody can read as a wrong current password, and logs an error', async () => {
    const { access } = await app.signUp('corrupted@example.com')
    const db = await app.database()
    const [user] = await db.orm
      .update(db.tables.users)
      .set({ password_hash: '$2b$12$cut-short' })
      .where(eq(db.tables.users.email, 'corrupted@example.com'))
      .returning()
    const before = errors.length
    const res = await app.json(
      'PATCH',
      '/users/me',
      { password: 'new-password-7', current_password: PASSWORD },
      access,
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ detail: 'Current password is incorrect' })
    expect(errors.slice(before).map((line) => JSON.parse(line).message)).toEqual([
      `The password hash of user ${user!.id} cannot be read; password change refused`,
    ])
  })

  it('never rehashes from a password that matched a bcrypt hash only in its first 72 bytes', async () => {
    // Set by a FastAPI app: 80 bytes, of which bcrypt read 72.
    const original = `${PASSWORD}-${'x'.repeat(80 - PASSWORD.length - 1)}`
    const sameStart = `${original.slice(0, 72)}${'y'.repeat(8)}`
    const imported = await bcryptHasher({ cost: 4 }).hash(original)
    await withHash('long@example.com', imported)
    // As under passlib, both match; neither replaces the hash, so the one set keeps working.
    expect((await app.login('long@example.com', sameStart)).status).toBe(200)
    expect((await app.login('long@example.com', original)).status).toBe(200)
    expect(await storedHash('long@example.com')).toBe(imported)
  })
})
