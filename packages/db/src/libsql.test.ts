import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Client } from '@libsql/client'
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'
import { describe, expect, test, vi } from 'vitest'
import { MIGRATIONS, PACKAGE_ROOT } from './fixtures/paths'
import * as schema from './fixtures/schema'
import { tempDir } from './fixtures/temp'
import { libsql, libsqlExceptionHandlers, openLibsql } from './libsql'

async function pragma(db: { $client: Client }, name: string) {
  return Object.values((await db.$client.execute(`PRAGMA ${name}`)).rows[0]!)[0]
}

async function appliedCount(db: { $client: Client }) {
  return (await db.$client.execute('SELECT count(*) AS n FROM __drizzle_migrations')).rows[0]!.n
}

const LIBSQL_CHILD = fileURLToPath(new URL('./fixtures/libsql-child.ts', import.meta.url))

/** Runs `fixtures/libsql-child.ts` in a real Node process; resolves with its exit code and output. */
function runLibsqlChild(...args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@sluice/source', LIBSQL_CHILD, ...args],
    { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  child.stderr.on('data', (chunk) => (out += chunk))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })))
}

function json(body: unknown): RequestInit {
  return {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  }
}

describe('openLibsql', () => {
  test('a local file gets WAL, foreign keys and a busy timeout', async () => {
    const db = await openLibsql({ url: `file:${join(tempDir(), 'app.db')}` })
    expect(await pragma(db, 'journal_mode')).toBe('wal')
    expect(await pragma(db, 'foreign_keys')).toBe(1)
    expect(await pragma(db, 'busy_timeout')).toBe(5000)
    db.$client.close()
  })

  test('foreign keys are enforced on every connection the client opens', async () => {
    const db = await openLibsql({
      url: `file:${join(tempDir(), 'app.db')}`,
      migrations: MIGRATIONS,
    })
    // An open transaction holds one connection, so the insert runs on another.
    const tx = await db.$client.transaction('read')
    await expect(
      db.insert(schema.notes).values({ userId: 999, title: 'orphan' }),
    ).rejects.toMatchObject({ cause: { extendedCode: 'SQLITE_CONSTRAINT_FOREIGNKEY' } })
    expect(Object.values((await tx.execute('PRAGMA foreign_keys')).rows[0]!)).toEqual([1])
    tx.close()
    db.$client.close()
  })

  test('applies the migrations, and a second open applies nothing and keeps the data', async () => {
    const url = `file:${join(tempDir(), 'app.db')}`
    const db = await openLibsql({ url, schema, migrations: MIGRATIONS })
    expect(await appliedCount(db)).toBe(2)
    await db.insert(schema.users).values({ email: 'a@example.com' })
    db.$client.close()
    const again = await openLibsql({ url, schema, migrations: { migrationsFolder: MIGRATIONS } })
    expect(await appliedCount(again)).toBe(2)
    expect(await again.query.users.findMany()).toEqual([{ id: 1, email: 'a@example.com' }])
    again.$client.close()
  })

  test('three processes migrating the same file at once all succeed and apply each migration once', async () => {
    const url = `file:${join(tempDir(), 'app.db')}`
    const startAt = String(Date.now() + 1500)
    const results = await Promise.all([1, 2, 3].map(() => runLibsqlChild(url, startAt)))
    for (const result of results) expect(result).toEqual({ code: 0, out: 'migrated\n' })
    const db = await openLibsql({ url })
    expect(await appliedCount(db)).toBe(2)
    db.$client.close()
  }, 20_000)

  test('works in memory', async () => {
    const db = await openLibsql({ url: ':memory:', schema, migrations: MIGRATIONS })
    await db.insert(schema.users).values({ email: 'a@example.com' })
    expect(await db.query.users.findFirst()).toEqual({ id: 1, email: 'a@example.com' })
    db.$client.close()
  })

  test('a remote URL connects on first query, with the auth token, and sets no pragmas', async () => {
    const db = await openLibsql({
      url: 'http://127.0.0.1:59999',
      authToken: 'secret',
      logger: true,
    })
    expect(db.$client.protocol).toBe('http')
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await expect(db.select().from(schema.users)).rejects.toThrow()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('select "id", "email" from "users"'))
    log.mockRestore()
    db.$client.close()
  })

  test('closes the client when migrating fails', async () => {
    await expect(
      openLibsql({ url: ':memory:', migrations: join(tempDir(), 'missing') }),
    ).rejects.toThrow(/Can't find meta\/_journal.json/)
  })
})

describe('libsql() dependency', () => {
  function notesApp(url: string) {
    const db = libsql({ url, schema, migrations: MIGRATIONS })
    let client: Client | undefined
    const app = createApp({
      exceptionHandlers: libsqlExceptionHandlers,
      routes: [
        route.post(
          '/users',
          { body: v.object({ email: v.string() }), deps: { db }, status: 201 },
          async ({ body, db }) => (await db.insert(schema.users).values(body).returning())[0],
        ),
        route.post(
          '/notes',
          { body: v.object({ userId: v.number(), title: v.string() }), deps: { db }, status: 201 },
          async ({ body, db }) => (await db.insert(schema.notes).values(body).returning())[0],
        ),
        route.post(
          '/raw-notes',
          { body: v.object({ title: v.nullable(v.string()) }), deps: { db }, status: 201 },
          async ({ body, db }) => {
            client = db.$client
            // Straight through the client: libSQL's own LibsqlError, not wrapped by drizzle.
            const result = await db.$client.execute({
              sql: 'INSERT INTO notes (user_id, title) VALUES (1, ?)',
              args: [body.title],
            })
            return result.rowsAffected
          },
        ),
      ],
    })
    return { app, client: () => client }
  }

  test('constraint violations answer 409 or 400 with no SQL in the body', async () => {
    const { app } = notesApp(`file:${join(tempDir(), 'app.db')}`)
    expect((await app.request('/users', json({ email: 'a@example.com' }))).status).toBe(201)

    const duplicate = await app.request('/users', json({ email: 'a@example.com' }))
    expect(duplicate.status).toBe(409)
    const text = await duplicate.text()
    expect(JSON.parse(text)).toEqual({ detail: 'A record with the same values already exists' })
    expect(text).not.toMatch(/users|insert|unique|email/i)

    const orphan = await app.request('/notes', json({ userId: 999, title: 'Hi' }))
    expect(orphan.status).toBe(409)

    const empty = await app.request('/notes', json({ userId: 1, title: '' }))
    expect(empty.status).toBe(400)
    expect(await empty.json()).toEqual({
      detail: 'A value is not allowed by a database constraint',
    })

    const missing = await app.request('/raw-notes', json({ title: null }))
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ detail: 'A required value is missing' })

    expect((await app.request('/raw-notes', json({ title: 'Hi' }))).status).toBe(201)
    await app.shutdown()
  })

  test('an unreachable server answers 503, and the next request tries again', async () => {
    const { app } = notesApp('http://127.0.0.1:59999')
    const res = await app.request('/users', json({ email: 'a@example.com' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.text()).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/)
    expect((await app.request('/users', json({ email: 'a@example.com' }))).status).toBe(503)
    await app.shutdown()
  })

  test('opens on first use and closes the client at shutdown', async () => {
    const { app, client } = notesApp(':memory:')
    expect(client()).toBeUndefined()
    await app.request('/users', json({ email: 'a@example.com' }))
    expect((await app.request('/raw-notes', json({ title: 'Hi' }))).status).toBe(201)
    expect(client()?.closed).toBe(false)
    await app.shutdown()
    expect(client()?.closed).toBe(true)
  })
})
