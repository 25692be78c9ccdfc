import { join } from 'node:path'
import { createApp, type ErrorFormat, handle, route } from '@sluice/core'
import Database from 'better-sqlite3'
import { sql } from 'drizzle-orm'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { dbErrorKind, dbExceptionHandlers } from './errors'
import { MIGRATIONS } from './fixtures/paths'
import { notes, users } from './fixtures/schema'
import { tempDir } from './fixtures/temp'
import { sqlite, sqliteExceptionHandlers } from './sqlite'

const User = v.object({ email: v.string() })
const Note = v.object({ userId: v.number(), title: v.string() })

function makeApp(url: string, errorFormat: ErrorFormat = 'fastapi', busyTimeout = 5000) {
  const logged: unknown[] = []
  const db = sqlite({ url, migrations: MIGRATIONS, pragmas: { busy_timeout: busyTimeout } })
  const app = createApp({
    errorFormat,
    exceptionHandlers: sqliteExceptionHandlers,
    logger: { error: (_, error) => logged.push(error) },
    routes: [
      route.post('/users', { body: User, deps: { db } }, ({ body, db }) =>
        db.insert(users).values(body).returning().get(),
      ),
      // Awaited, so drizzle wraps the driver error in a DrizzleQueryError.
      route.post('/users-async', { body: User, deps: { db } }, async ({ body, db }) => {
        const [user] = await db.insert(users).values(body).returning()
        return user
      }),
      route.post('/notes', { body: Note, deps: { db } }, ({ body, db }) =>
        db.insert(notes).values(body).returning().get(),
      ),
      route.post('/notes-without-title', { deps: { db } }, ({ db }) =>
        db.run(sql`INSERT INTO notes (user_id, title) VALUES (1, NULL)`),
      ),
      route.get('/broken', { deps: { db } }, ({ db }) => db.run(sql`SELECT * FROM secret_table`)),
      route.post('/close', { deps: { db } }, ({ db }) => {
        db.$client.close()
        return 'closed'
      }),
    ],
  })
  return { app, logged }
}

function post(app: ReturnType<typeof makeApp>['app'], path: string, body: unknown) {
  return app.request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  })
}

describe('database errors through a real app', () => {
  test('a unique violation is 409 with a detail that reveals no SQL', async () => {
    const { app } = makeApp(join(tempDir(), 'app.db'))
    expect((await post(app, '/users', { email: 'a@example.com' })).status).toBe(200)
    for (const path of ['/users', '/users-async']) {
      const res = await post(app, path, { email: 'a@example.com' })
      expect(res.status).toBe(409)
      const text = await res.text()
      expect(JSON.parse(text)).toEqual({
        detail: 'A record with the same values already exists',
      })
      expect(text).not.toMatch(/users|email|UNIQUE|insert|constraint/i)
    }
    await app.shutdown()
  })

  test('a foreign-key violation is 409', async () => {
    const { app } = makeApp(join(tempDir(), 'app.db'))
    const res = await post(app, '/notes', { userId: 42, title: 'orphan' })
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({
      detail: 'The record refers to a record that does not exist, or is still referred to',
    })
    await app.shutdown()
  })

  test('check and not-null violations are 400', async () => {
    const { app } = makeApp(join(tempDir(), 'app.db'))
    await post(app, '/users', { email: 'a@example.com' })
    const check = await post(app, '/notes', { userId: 1, title: '' })
    expect(check.status).toBe(400)
    expect(await check.json()).toEqual({
      detail: 'A value is not allowed by a database constraint',
    })
    const notNull = await post(app, '/notes-without-title', {})
    expect(notNull.status).toBe(400)
    expect(await notNull.json()).toEqual({ detail: 'A required value is missing' })
    await app.shutdown()
  })

  test("answers in the app's error format", async () => {
    const { app } = makeApp(join(tempDir(), 'app.db'), 'problem')
    await post(app, '/users', { email: 'a@example.com' })
    const res = await post(app, '/users', { email: 'a@example.com' })
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 409, title: 'Conflict' })
    await app.shutdown()
  })

  test('a database held by another writer past busy_timeout is 503 with Retry-After', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = makeApp(url, 'fastapi', 50)
    await post(app, '/users', { email: 'first@example.com' })
    const other = new Database(url)
    other.exec('BEGIN IMMEDIATE')
    const res = await post(app, '/users', { email: 'second@example.com' })
    other.exec('ROLLBACK')
    other.close()
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.json()).toEqual({ detail: 'The database is busy, retry shortly' })
    await app.shutdown()
  })

  test('a connection that was closed (its file deleted, say) is 503 with Retry-After, not a 500', async () => {
    const { app, logged } = makeApp(join(tempDir(), 'app.db'))
    expect((await app.request('/close', { method: 'POST' })).status).toBe(200)
    for (const path of ['/users', '/users-async']) {
      const res = await post(app, path, { email: 'a@example.com' })
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect(await res.json()).toEqual({ detail: 'The database is unavailable, retry shortly' })
    }
    expect(logged).toEqual([])
    await app.shutdown()
  })

  test('any other database error stays a logged 500 that reveals nothing', async () => {
    const { app, logged } = makeApp(join(tempDir(), 'app.db'))
    const res = await app.request('/broken')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ detail: 'Internal Server Error' })
    expect(String(logged[0])).toMatch(/secret_table/)
    await app.shutdown()
  })

  test("a TypeError that is not the driver's reaches the app's own catch-all handler", async () => {
    const app = createApp({
      exceptionHandlers: [
        ...sqliteExceptionHandlers,
        handle(Error, () => Response.json({ detail: 'Something went wrong' }, { status: 500 })),
      ],
      routes: [
        route.get('/bug', {}, () => {
          throw new TypeError("Cannot read properties of undefined (reading 'id')")
        }),
      ],
    })
    const res = await app.request('/bug')
    expect(await res.json()).toEqual({ detail: 'Something went wrong' })
  })
})

describe('dbErrorKind', () => {
  test('reads driver codes through causes, and messages of drivers without codes', () => {
    const libsql = Object.assign(new Error('SQLITE_CONSTRAINT'), {
      code: 'SQLITE_CONSTRAINT',
      extendedCode: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    })
    expect(dbErrorKind(new Error('wrapped', { cause: libsql }))).toBe('foreign_key')
    expect(dbErrorKind(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe('unique')
    expect(dbErrorKind(new Error('D1_ERROR: UNIQUE constraint failed: users.email'))).toBe('unique')
    expect(dbErrorKind(new Error('no such table: users'))).toBeUndefined()
    const closedLibsql = Object.assign(new Error('The client is closed'), { code: 'CLIENT_CLOSED' })
    expect(dbErrorKind(closedLibsql)).toBe('unavailable')
    expect(dbErrorKind('not an error')).toBeUndefined()
  })

  test('a network failure is a busy database only as the cause of a failed query', () => {
    const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(dbErrorKind(new DrizzleQueryError('select 1', [], refused()))).toBe('busy')
    // The same code on an app's own fetch is not the database's, even under D1's catch-all handler.
    expect(dbErrorKind(refused())).toBeUndefined()
    expect(dbErrorKind(new Error('fetch failed', { cause: refused() }))).toBeUndefined()
  })

  test('dbExceptionHandlers alone handles what drizzle wraps, and a closed connection', () => {
    expect(dbExceptionHandlers).toHaveLength(3)
    expect(sqliteExceptionHandlers).toHaveLength(4)
  })
})
