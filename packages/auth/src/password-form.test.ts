import { createApp, route } from '@sluice/core'
import { describe, expect, test } from 'vitest'
import { passwordForm, strictPasswordForm } from './password-form'

const app = createApp({
  routes: [
    route.post('/token', { form: passwordForm }, ({ form }) => form),
    route.post('/strict', { form: strictPasswordForm }, ({ form }) => form),
  ],
})

const post = (path: string, fields: Record<string, string>) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields) })

describe('passwordForm', () => {
  test('parses the urlencoded grant, scope split on spaces', async () => {
    const response = await post('/token', {
      grant_type: 'password',
      username: 'ada@example.com',
      password: 's3cret',
      scope: 'todos:read  todos:write',
      client_id: 'cli',
    })
    expect(await response.json()).toEqual({
      grant_type: 'password',
      username: 'ada@example.com',
      password: 's3cret',
      scope: ['todos:read', 'todos:write'],
      client_id: 'cli',
    })
  })

  test('scope and grant_type are optional', async () => {
    const response = await post('/token', { username: 'ada', password: 'pw' })
    expect(await response.json()).toEqual({ username: 'ada', password: 'pw', scope: [] })
  })

  test('a grant other than password, or a missing password, is a 422', async () => {
    const response = await post('/token', { grant_type: 'client_credentials', username: 'ada' })
    expect(response.status).toBe(422)
    const { detail } = await response.json()
    expect(detail.map((issue: { loc: unknown[] }) => issue.loc)).toEqual([
      ['body', 'grant_type'],
      ['body', 'password'],
    ])
    // Documented in docs/fastapi-differences.md: FastAPI's pattern check says string_pattern_mismatch.
    expect(detail[0]).toMatchObject({ type: 'literal_error', input: 'client_credentials' })
  })
})

describe('strictPasswordForm', () => {
  test('requires grant_type=password', async () => {
    const missing = await post('/strict', { username: 'ada', password: 'pw' })
    expect(missing.status).toBe(422)
    expect((await missing.json()).detail[0].loc).toEqual(['body', 'grant_type'])
    const ok = await post('/strict', { grant_type: 'password', username: 'ada', password: 'pw' })
    expect(ok.status).toBe(200)
  })
})
