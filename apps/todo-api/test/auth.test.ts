import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PASSWORD, type Session, type TestApp, testApp } from './helpers'

// Sign-ups, logins and password changes hash with scrypt at its production cost (N=2^17):
// on a loaded 2-CPU machine a test doing several of them outlasts vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let t: TestApp
let alice: Session

beforeAll(async () => {
  t = await testApp()
  alice = await t.signUp('alice@example.com')
})
afterAll(() => t.close())

const refresh = (token: string) => t.json('POST', '/auth/refresh', { refresh_token: token })

describe('POST /auth/register', () => {
  it('creates a user without any password in the answer', async () => {
    const res = await t.json('POST', '/auth/register', {
      email: '  Bob@Example.COM ',
      password: PASSWORD,
      full_name: 'Bob',
    })
    expect(res.status).toBe(201)
    const user = await res.json()
    expect(user).toEqual({
      id: expect.any(Number),
      email: 'bob@example.com',
      full_name: 'Bob',
      created_at: expect.any(String),
    })
  })

  it('answers 409 for an email already registered, whatever its case', async () => {
    const res = await t.json('POST', '/auth/register', {
      email: 'ALICE@example.com',
      password: PASSWORD,
    })
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({ detail: 'Email already registered' })
  })

  it.each([
    ['a short password', { email: 'c@example.com', password: 'abc1' }, 'password'],
    ['a password without a digit', { email: 'c@example.com', password: 'abcdefghij' }, 'password'],
    [
      'an oversized password',
      { email: 'c@example.com', password: `a1${'x'.repeat(127)}` },
      'password',
    ],
    ['an invalid email', { email: 'not-an-email', password: PASSWORD }, 'email'],
    ['a missing email', { password: PASSWORD }, 'email'],
  ])('answers 422 for %s', async (_, body, field) => {
    const res = await t.json('POST', '/auth/register', body)
    expect(res.status).toBe(422)
    const { detail } = await res.json()
    expect(detail[0]).toMatchObject({ loc: ['body', field], msg: expect.any(String) })
  })
})

describe('POST /auth/token', () => {
  it('logs in with the OAuth2 password form, the email in any case', async () => {
    const res = await t.login('Alice@Example.com')
    expect(res.status).toBe(200)
    // Token responses must never be cached (RFC 6749 §5.1).
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 900,
      refresh_token: expect.any(String),
    })
  })

  it('answers a wrong email and a wrong password identically', async () => {
    const wrongEmail = await t.login('nobody@example.com')
    const wrongPassword = await t.login(alice.email, 'wrong-password-1')
    for (const res of [wrongEmail, wrongPassword]) {
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer')
    }
    expect(await wrongEmail.json()).toEqual(await wrongPassword.json())
  })

  it('spends about as long on an unknown email as on a wrong password', async () => {
    // CPU time, not wall time: the load of other processes on a busy machine adds nothing to
    // it. Interleaved, so anything in this process slowing down weighs on both alike.
    const cpuMillis = async (email: string) => {
      const before = process.cpuUsage()
      await t.login(email, 'wrong-password-1')
      const { user, system } = process.cpuUsage(before)
      return (user + system) / 1000
    }
    const unknown: number[] = []
    const known: number[] = []
    for (let i = 0; i < 3; i++) {
      unknown.push(await cpuMillis('nobody@example.com'))
      known.push(await cpuMillis(alice.email))
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[1] as number
    // Coarse on purpose: skipping the hash for unknown emails would make this ~0.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4)
  })

  it('answers 422 for a form without a password', async () => {
    const res = await t.request('/auth/token', {
      method: 'POST',
      body: new URLSearchParams({ username: alice.email }),
    })
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0].loc).toEqual(['body', 'password'])
  })

  it('grants only the scopes asked for', async () => {
    const res = await t.login(alice.email, PASSWORD, 'todos:read')
    const { access_token } = await res.json()
    expect((await t.json('GET', '/todos', undefined, access_token)).status).toBe(200)
    const create = await t.json('POST', '/todos', { title: 'x' }, access_token)
    expect(create.status).toBe(403)
  })
})

describe('POST /auth/refresh', () => {
  it('rotates: new tokens that work, the old refresh token spent', async () => {
    const session = await t.login(alice.email).then((res) => res.json())
    const res = await refresh(session.refresh_token)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const next = await res.json()
    expect(next).toMatchObject({ token_type: 'bearer', expires_in: 900 })
    expect(next.refresh_token).not.toBe(session.refresh_token)
    expect((await t.json('GET', '/users/me', undefined, next.access_token)).status).toBe(200)
    expect((await refresh(next.refresh_token)).status).toBe(200)
  })

  it('revokes the whole family when a spent refresh token comes back', async () => {
    const first = (await t.login(alice.email).then((res) => res.json())).refresh_token
    const second = (await refresh(first).then((res) => res.json())).refresh_token
    const reused = await refresh(first)
    expect(reused.status).toBe(401)
    expect(reused.headers.get('www-authenticate')).toBe('Bearer')
    expect(await reused.json()).toEqual({ detail: 'Invalid or expired refresh token' })
    // The legitimate holder's newer token is revoked too…
    expect((await refresh(second)).status).toBe(401)
    // …but other sessions of the same user live on.
    expect((await refresh(alice.refresh)).status).toBe(200)
    alice = { ...alice, refresh: '' }
  })

  it('rotates a token presented twice at once exactly once, and ends its family', async () => {
    const token = (await t.login(alice.email).then((res) => res.json())).refresh_token
    const answers = await Promise.all([refresh(token), refresh(token)])
    expect(answers.map((res) => res.status).sort()).toEqual([200, 401])
    const winner = answers.find((res) => res.status === 200)!
    // The second presentation counts as reuse: the new token dies with its family.
    expect((await refresh((await winner.json()).refresh_token)).status).toBe(401)
  })

  it('stores refresh tokens only as SHA-256 hashes', async () => {
    const { refresh_token } = await t.login(alice.email).then((res) => res.json())
    const { orm, tables } = await t.database()
    const rows = await orm.select().from(tables.refreshTokens)
    const hashes = rows.map((row) => row.token_hash)
    expect(hashes).not.toContain(refresh_token)
    expect(hashes).toContain(createHash('sha256').update(refresh_token).digest('hex'))
  })

  it('refuses an expired refresh token', async () => {
    const { refresh_token } = await t.login(alice.email).then((res) => res.json())
    const hash = createHash('sha256').update(refresh_token).digest('hex')
    const { orm, tables } = await t.database()
    await orm
      .update(tables.refreshTokens)
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where(eq(tables.refreshTokens.token_hash, hash))
    expect((await refresh(refresh_token)).status).toBe(401)
  })

  it.each([
    ['an unknown token', 'not-a-token'],
    ['an empty token', ''],
  ])('answers 401 for %s', async (_, token) => {
    expect((await refresh(token)).status).toBe(401)
  })

  it('answers 422 without a refresh token', async () => {
    expect((await t.json('POST', '/auth/refresh', {})).status).toBe(422)
  })
})

describe('the password rules in the OpenAPI schema', () => {
  it('are the pattern the API applies: a letter and a digit', async () => {
    const spec = await (await t.request('/openapi.json')).json()
    const { pattern, minLength, maxLength } = spec.components.schemas.UserCreate.properties.password
    expect([minLength, maxLength]).toEqual([8, 128])
    const rule = new RegExp(pattern)
    const cases = [
      ['abcdefghij', 422],
      ['1234567890', 422],
      ['abcdefgh1', 201],
      ['1abcdefgh', 201],
    ] as const
    for (const [i, [password, status]] of cases.entries()) {
      expect(rule.test(password)).toBe(status === 201)
      const res = await t.json('POST', '/auth/register', {
        email: `rule${i}@example.com`,
        password,
      })
      expect(res.status).toBe(status)
    }
  })
})

describe('POST /auth/logout', () => {
  it('revokes the session; logging out again is fine', async () => {
    const { refresh_token } = await t.login(alice.email).then((res) => res.json())
    const logout = () => t.json('POST', '/auth/logout', { refresh_token })
    const res = await logout()
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect((await refresh(refresh_token)).status).toBe(401)
    expect((await logout()).status).toBe(204)
  })
})

describe('POST /auth/logout-all', () => {
  it('revokes every refresh token of the user, and no one else’s', async () => {
    const gwen = await t.signUp('gwen@example.com')
    const { refresh_token: second } = await t.login(gwen.email).then((res) => res.json())
    const { refresh_token: alices } = await t.login(alice.email).then((res) => res.json())
    const res = await t.json('POST', '/auth/logout-all', undefined, gwen.access)
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect((await refresh(gwen.refresh)).status).toBe(401)
    expect((await refresh(second)).status).toBe(401)
    expect((await refresh(alices)).status).toBe(200)
    // Tokens of a login after it work.
    const { refresh_token: later } = await t.login(gwen.email).then((res) => res.json())
    expect((await refresh(later)).status).toBe(200)
  })

  it('answers 401 without an access token, and is documented with its answers', async () => {
    const res = await t.json('POST', '/auth/logout-all')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    const spec = await (await t.request('/openapi.json')).json()
    const operation = spec.paths['/auth/logout-all'].post
    expect(Object.keys(operation.responses).sort()).toEqual(['204', '401', '503'])
    expect(operation.security).toEqual([{ OAuth2PasswordBearer: [] }])
  })
})

describe('login rate limit', () => {
  let limited: TestApp
  beforeAll(async () => {
    limited = await testApp({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_CLIENT_MAX_FAILURES: '6',
      LOGIN_WINDOW: '60',
    })
    for (const email of ['carol@example.com', 'erin@example.com', 'frank@example.com'])
      await limited.signUp(email)
  })
  afterAll(() => limited.close())

  const expectTooMany = async (res: Response) => {
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(res.headers.get('ratelimit')).toMatch(/;r=0;/)
    expect(await res.json()).toEqual({ detail: 'Too many failed login attempts, try again later' })
  }

  it('counts failures per account: past the limit even the right password is 429, other accounts still log in', async () => {
    const guess = () => limited.login('carol@example.com', 'wrong-password-1')
    expect((await guess()).status).toBe(401)
    expect((await guess()).status).toBe(401)
    // A success gives back only its own point: it does not wipe the failures before it.
    expect((await limited.login('carol@example.com')).status).toBe(200)
    expect((await guess()).status).toBe(401)
    await expectTooMany(await guess())
    await expectTooMany(await limited.login('carol@example.com'))
    // One account's guesses do not lock the other accounts of the same address (an office NAT).
    expect((await limited.login('erin@example.com')).status).toBe(200)
  })

  it('caps failures per client over every account', async () => {
    // Three failures above, three more on other accounts: the client's ceiling of six is reached.
    expect((await limited.login('erin@example.com', 'wrong-password-1')).status).toBe(401)
    expect((await limited.login('frank@example.com', 'wrong-password-1')).status).toBe(401)
    expect((await limited.login('nobody@example.com', 'wrong-password-1')).status).toBe(401)
    await expectTooMany(await limited.login('frank@example.com'))
  })

  it('counts concurrent attempts before checking any password: at most the limit are tried', async () => {
    const burst = await testApp({ LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW: '60' })
    try {
      await burst.signUp('gina@example.com')
      const attempts = Array.from({ length: 40 }, (_, i) =>
        burst.login('gina@example.com', i === 39 ? PASSWORD : `wrong-password-${i}`),
      )
      const statuses = (await Promise.all(attempts)).map((res) => res.status)
      const tried = statuses.filter((status) => status !== 429)
      expect(tried.length).toBeLessThanOrEqual(5)
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(35)
    } finally {
      await burst.close()
    }
  })
})

it('never answers with a password or its hash', () => {
  const bodies = t.bodies.join('\n')
  expect(t.bodies.length).toBeGreaterThan(20)
  expect(bodies).not.toContain(PASSWORD)
  expect(bodies).not.toContain('password_hash')
  expect(bodies).not.toContain('$scrypt')
})
