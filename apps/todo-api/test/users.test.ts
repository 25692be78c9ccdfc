import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PASSWORD, type Session, type TestApp, testApp } from './helpers'

// Sign-ups, logins and password changes hash with scrypt at its production cost (N=2^17):
// on a loaded 2-CPU machine a test doing several of them outlasts vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let t: TestApp
let dana: Session

beforeAll(async () => {
  t = await testApp()
  dana = await t.signUp('dana@example.com')
})
afterAll(() => t.close())

const me = (token?: string) => t.json('GET', '/users/me', undefined, token)
const patchMe = (body: unknown) => t.json('PATCH', '/users/me', body, dana.access)

describe('GET /users/me', () => {
  it('answers the signed-in user', async () => {
    const res = await me(dana.access)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: expect.any(Number),
      email: 'dana@example.com',
      full_name: null,
      created_at: expect.any(String),
    })
  })

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not.a.jwt'],
    ['a token signed with another secret', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
  ])('answers 401 with WWW-Authenticate for %s', async (_, token) => {
    const res = await me(token)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await res.json()).toEqual({ detail: expect.any(String) })
  })

  it('answers 401 to a valid token whose user no longer exists', async () => {
    const gone = await t.signUp('gone@example.com')
    const { orm, tables } = await t.database()
    await orm.delete(tables.users).where(eq(tables.users.email, gone.email))
    const res = await me(gone.access)
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })
})

describe('PATCH /users/me', () => {
  it('changes the name, and null clears it', async () => {
    const named = await patchMe({ full_name: '  Dana Scully ' })
    expect(named.status).toBe(200)
    expect((await named.json()).full_name).toBe('Dana Scully')
    expect((await (await me(dana.access)).json()).full_name).toBe('Dana Scully')
    expect((await (await patchMe({ full_name: null })).json()).full_name).toBeNull()
  })

  it('refuses a NUL character or a lone surrogate in the name with 422', async () => {
    for (const full_name of ['Dana\u0000', '\ud800Dana']) {
      const res = await patchMe({ full_name })
      expect(res.status).toBe(422)
      expect((await res.json()).detail).toEqual([
        expect.objectContaining({
          type: 'value_error',
          loc: ['body', 'full_name'],
          msg: 'Value error, Text must not contain a NUL character or a lone surrogate',
        }),
      ])
    }
    const registered = await t.json('POST', '/auth/register', {
      email: 'nul@example.com',
      password: PASSWORD,
      full_name: 'a\u0000b',
    })
    expect(registered.status).toBe(422)
  })

  it('changes nothing for an empty body', async () => {
    const res = await patchMe({})
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ email: 'dana@example.com' })
  })

  it('needs the current password to change the password', async () => {
    const res = await patchMe({ password: 'new-password-7' })
    expect(res.status).toBe(422)
    expect((await res.json()).detail).toEqual([
      {
        loc: ['body', 'current_password'],
        msg: 'Value error, current_password is required to change the password',
        type: 'value_error',
        ctx: { error: {} },
      },
    ])
  })

  it('answers 400 for a wrong current password and keeps the old one', async () => {
    const res = await patchMe({ password: 'new-password-7', current_password: 'wrong-one-1' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ detail: 'Current password is incorrect' })
    expect((await t.login(dana.email)).status).toBe(200)
  })

  it('answers 422 for a weak new password', async () => {
    const res = await patchMe({ password: 'short', current_password: PASSWORD })
    expect(res.status).toBe(422)
  })

  it('changes the password: the new one logs in, the old one no longer does', async () => {
    const res = await patchMe({ password: 'new-password-7', current_password: PASSWORD })
    expect(res.status).toBe(200)
    expect((await t.login(dana.email, 'new-password-7')).status).toBe(200)
    expect((await t.login(dana.email)).status).toBe(401)
  })

  it('answers 401 without a token', async () => {
    expect((await t.json('PATCH', '/users/me', { full_name: 'x' })).status).toBe(401)
  })

  it('ends every session of the account when the password changes, the one that changed it too', async () => {
    const erin = await t.signUp('erin@example.com')
    const otherDevice = (await (await t.login(erin.email)).json()) as { refresh_token: string }
    const changed = await t.json(
      'PATCH',
      '/users/me',
      { password: 'new-password-8', current_password: PASSWORD },
      erin.access,
    )
    expect(changed.status).toBe(200)
    for (const token of [erin.refresh, otherDevice.refresh_token]) {
      const res = await t.json('POST', '/auth/refresh', { refresh_token: token })
      expect(res.status).toBe(401)
    }
    // A name change leaves sessions alone.
    const fresh = (await (await t.login(erin.email, 'new-password-8')).json()) as {
      access_token: string
      refresh_token: string
    }
    await t.json('PATCH', '/users/me', { full_name: 'Erin' }, fresh.access_token)
    const refreshed = await t.json('POST', '/auth/refresh', { refresh_token: fresh.refresh_token })
    expect(refreshed.status).toBe(200)
  })
})

it('never answers with a password or its hash', () => {
  const bodies = t.bodies.join('\n')
  expect(bodies).not.toContain(PASSWORD)
  expect(bodies).not.toContain('new-password-7')
  expect(bodies).not.toContain('password_hash')
  expect(bodies).not.toContain('$scrypt')
})
