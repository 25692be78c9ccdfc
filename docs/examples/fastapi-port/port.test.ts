/**
 * main.py's behaviour, asked over HTTP of both apps. Always run on the Sluice port (CI has no
 * Python). With FASTAPI_URL (main.py served by fastapi-reference) and FASTAPI_DB (its SQLite file)
 * set, the same tests also run against FastAPI, and the Sluice port opens FastAPI's own file, so the
 * move is tested on one database: tokens and hashes made by either app work in the other.
 *
 *   DATABASE_PATH=/tmp/fp/app.db fastapi-reference docs/examples/fastapi-port main:app 18025 &
 *   FASTAPI_URL=http://127.0.0.1:18025 FASTAPI_DB=/tmp/fp/app.db npx vitest run docs/examples/fastapi-port
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { createItemsApp, readSettings } from './app'

const here = import.meta.dirname
const records = JSON.parse(readFileSync(join(here, 'fastapi-records.json'), 'utf8'))

type Send = (path: string, init?: RequestInit) => Promise<Response>

/** A database file with the tables SQLModel made (schema.sql), when FastAPI's own is not given. */
function sqlModelDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fastapi-port-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'app.db')
  const db = new Database(path)
  db.exec(readFileSync(join(here, 'schema.sql'), 'utf8'))
  db.close()
  return path
}

/** A user FastAPI signed up: argon2-cffi's hash (pwdlib's default), SQLAlchemy's UUID and datetime text. */
function withRecordedUser(path: string): string {
  const db = new Database(path)
  db.prepare(
    'INSERT OR IGNORE INTO user (email, full_name, id, hashed_password, created_at) VALUES (?, NULL, ?, ?, ?)',
  ).run(records.email, records.id, records.hashed_password, records.created_at)
  db.close()
  return path
}

const databasePath = withRecordedUser(process.env.FASTAPI_DB ?? sqlModelDatabase())
const sluiceApp = createItemsApp(readSettings({ DATABASE_PATH: databasePath, SECRET_KEY: '' }))
const sluice: Send = (path, init) => Promise.resolve(sluiceApp.request(path, init))
const fastapiUrl = process.env.FASTAPI_URL
const fastapi: Send = (path, init) => fetch(`${fastapiUrl}${path}`, { redirect: 'manual', ...init })
const targets: [string, Send][] = fastapiUrl
  ? [
      ['Sluice', sluice],
      ['FastAPI', fastapi],
    ]
  : [['Sluice', sluice]]

const json = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: {
    'content-type': 'application/json',
    ...(token && { authorization: `Bearer ${token}` }),
  },
})
const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } })
const unique = () => `${crypto.randomUUID().slice(0, 8)}@example.com`

async function signUp(send: Send, email = unique(), password = 'correct horse') {
  const response = await send('/api/v1/users/signup', json('POST', { email, password }))
  expect(response.status).toBe(200)
  return { email, password, user: await response.json() }
}

async function logIn(send: Send, email: string, password: string) {
  const response = await send('/api/v1/login/access-token', {
    method: 'POST',
    body: new URLSearchParams({ username: email, password }),
  })
  return { status: response.status, body: await response.json() }
}

async function tokenFor(send: Send) {
  const { email, password } = await signUp(send)
  return (await logIn(send, email, password)).body.access_token as string
}

describe.each(targets)('%s answers as main.py does', (_, send) => {
  test('signup, a duplicate, login, /users/me', async () => {
    const { email, password, user } = await signUp(send)
    expect(user).toEqual({ email, full_name: null, id: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    const again = await send('/api/v1/users/signup', json('POST', { email, password }))
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({
      detail: 'The user with this email already exists in the system',
    })
    expect(await logIn(send, email, 'wrong password')).toEqual({
      status: 400,
      body: { detail: 'Incorrect email or password' },
    })
    const { body } = await logIn(send, email, password)
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer' })
    expect(await (await send('/api/v1/users/me', bearer(body.access_token))).json()).toEqual(user)
  })

  test('a bad token is 403, a missing one 401, a short password 422', async () => {
    const bad = await send('/api/v1/users/me', bearer('not.a.token'))
    expect([bad.status, await bad.json()]).toEqual([
      403,
      { detail: 'Could not validate credentials' },
    ])
    const missing = await send('/api/v1/users/me')
    expect([missing.status, await missing.json()]).toEqual([401, { detail: 'Not authenticated' }])
    const short = await send(
      '/api/v1/users/signup',
      json('POST', { email: unique(), password: 'short' }),
    )
    expect(short.status).toBe(422)
    expect((await short.json()).detail[0]).toMatchObject({
      type: 'string_too_short',
      loc: ['body', 'password'],
    })
  })

  test('items CRUD at FastAPI’s paths, PATCH {}, pages of ?skip=&limit=', async () => {
    const token = await tokenFor(send)
    const created = await send('/api/v1/items/', json('POST', { title: 'First' }, token))
    expect(created.status).toBe(200)
    const item = await created.json()
    expect(item.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/)
    await send('/api/v1/items/', json('POST', { title: 'Second', description: 'two' }, token))
    const page = await (await send('/api/v1/items/?skip=1&limit=1', bearer(token))).json()
    expect(page).toMatchObject({ count: 2, data: [{ title: 'Second', description: 'two' }] })
    // A UUID without hyphens, as Pydantic reads it.
    const simple = await send(`/api/v1/items/${item.id.replaceAll('-', '')}`, bearer(token))
    expect(await simple.json()).toEqual(item)
    const unchanged = await send(`/api/v1/items/${item.id}`, json('PATCH', {}, token))
    expect([unchanged.status, await unchanged.json()]).toEqual([200, item])
    const renamed = await send(
      `/api/v1/items/${item.id}`,
      json('PATCH', { title: 'Renamed' }, token),
    )
    expect(await renamed.json()).toEqual({ ...item, title: 'Renamed' })
    const other = await tokenFor(send)
    const foreign = await send(`/api/v1/items/${item.id}`, bearer(other))
    expect([foreign.status, await foreign.json()]).toEqual([
      400,
      { detail: 'Not enough permissions' },
    ])
    const deleted = await send(`/api/v1/items/${item.id}`, { method: 'DELETE', ...bearer(token) })
    expect(await deleted.json()).toEqual({ message: 'Item deleted successfully' })
    const gone = await send(`/api/v1/items/${item.id}`, bearer(token))
    expect([gone.status, await gone.json()]).toEqual([404, { detail: 'Item not found' }])
  })

  test('/api/v1/items redirects to /api/v1/items/ (307), as both join paths', async () => {
    const response = await send('/api/v1/items')
    expect(response.status).toBe(307)
    expect(new URL(response.headers.get('location')!).pathname).toBe('/api/v1/items/')
  })

  test('the OpenAPI document has the same paths and operation ids', async () => {
    const doc = await (await send('/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual([
      '/api/v1/login/access-token',
      '/api/v1/users/signup',
      '/api/v1/users/me',
      '/api/v1/items/',
      '/api/v1/items/{id}',
    ])
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
    )
    expect(ids.sort()).toEqual([
      'items-create_item',
      'items-delete_item',
      'items-read_item',
      'items-read_items',
      'items-update_item',
      'login-login_access_token',
      'users-read_user_me',
      'users-register_user',
    ])
  })
})

describe('the move: what FastAPI made works on Sluice', () => {
  test('a user FastAPI signed up logs in with their argon2 hash, unchanged', async () => {
    const { status, body } = await logIn(sluice, records.email, records.password)
    expect(status).toBe(200)
    const me = await (await sluice('/api/v1/users/me', bearer(body.access_token))).json()
    expect(me).toEqual({
      email: records.email,
      full_name: null,
      id: '0f8b6c1e-3d2a-4c5b-9e7f-1a2b3c4d5e6f',
    })
  })

  test('a token PyJWT signed with the old SECRET_KEY is accepted', async () => {
    const me = await sluice('/api/v1/users/me', bearer(records.token))
    expect((await me.json()).email).toBe(records.email)
  })
})

describe.skipIf(!fastapiUrl)('the move, live on one database file', () => {
  test('what each app makes, the other reads: users, hashes, tokens, items and their timestamps', async () => {
    const onSluice = await signUp(sluice)
    const fastapiToken = (await logIn(fastapi, onSluice.email, onSluice.password)).body.access_token
    expect((await (await fastapi('/api/v1/users/me', bearer(fastapiToken))).json()).id).toBe(
      onSluice.user.id,
    )
    const sluiceMe = await sluice('/api/v1/users/me', bearer(fastapiToken))
    expect((await sluiceMe.json()).id).toBe(onSluice.user.id)
    const onFastapi = await signUp(fastapi)
    const sluiceToken = (await logIn(sluice, onFastapi.email, onFastapi.password)).body.access_token
    const item = await (
      await fastapi('/api/v1/items/', json('POST', { title: 'From FastAPI' }, sluiceToken))
    ).json()
    const read = await sluice(`/api/v1/items/${item.id}`, bearer(sluiceToken))
    expect(await read.json()).toEqual(item)
  })
})
