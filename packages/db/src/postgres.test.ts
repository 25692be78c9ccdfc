import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createApp, route } from '@sluice/core'
import { eq, sql } from 'drizzle-orm'
import type { Pool } from 'pg'
import * as v from 'valibot'
import { expect, test, vi } from 'vitest'
import { dbErrorKind } from './errors'
import * as schema from './fixtures/pg-schema'
import { describePostgres, freshDatabase, freshSchema, PG_MIGRATIONS } from './fixtures/postgres'
import { tempDir } from './fixtures/temp'
import { paginate, paginateByCursor } from './pagination'
import { migratePostgres, openPostgres, postgres, postgresExceptionHandlers } from './postgres'

async function appliedCount(db: { $client: Pool }, table = 'drizzle.__drizzle_migrations') {
  const { rows } = await db.$client.query(`SELECT count(*)::int AS n FROM ${table}`)
  return rows[0].n
}

async function tables(db: { $client: Pool }, schemaName: string) {
  const { rows } = await db.$client.query(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
    [schemaName],
  )
  return rows.map((row) => row.table_name)
}

function json(body: unknown): RequestInit {
  return {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  }
}

describePostgres('openPostgres', (url) => {
  test('applies the migrations, and a second run applies nothing and keeps the data', async () => {
    const db = await openPostgres({
      url: await freshDatabase(url),
      schema,
      migrations: PG_MIGRATIONS,
    })
    expect(await tables(db, 'public')).toEqual(['notes', 'users'])
    expect(await appliedCount(db)).toBe(2)
    await db.insert(schema.users).values({ email: 'a@example.com' })
    await migratePostgres(db, PG_MIGRATIONS)
    await migratePostgres(db, { migrationsFolder: PG_MIGRATIONS })
    expect(await appliedCount(db)).toBe(2)
    expect(await db.query.users.findMany()).toEqual([{ id: 1, email: 'a@example.com' }])
    await db.$client.end()
  })

  test('two processes opening at once both succeed and apply each migration once', async () => {
    const fresh = await freshDatabase(url)
    const [a, b] = await Promise.all(
      [1, 2].map(() => openPostgres({ url: fresh, migrations: PG_MIGRATIONS })),
    )
    expect(await appliedCount(a!)).toBe(2)
    expect(await tables(b!, 'public')).toEqual(['notes', 'users'])
    await Promise.all([a!.$client.end(), b!.$client.end()])
  })

  test('a failing migration leaves the database as it was and ends the pool', async () => {
    const fresh = await freshDatabase(url)
    const folder = join(tempDir(), 'broken')
    mkdirSync(join(folder, 'meta'), { recursive: true })
    writeFileSync(join(folder, '0000_broken.sql'), 'CREATE TABLE items (id serial);\nNOT SQL;')
    writeFileSync(
      join(folder, 'meta', '_journal.json'),
      JSON.stringify({ entries: [{ idx: 0, when: 1, tag: '0000_broken', breakpoints: false }] }),
    )
    await expect(openPostgres({ url: fresh, migrations: folder })).rejects.toThrow()
    const db = await openPostgres({ url: fresh })
    expect(await tables(db, 'public')).toEqual([])
    await db.$client.end()
  })

  test('searchPath puts the tables and the migrations table in its first schema', async () => {
    const fresh = await freshDatabase(url)
    const tenant = await freshSchema(fresh)
    const folder = join(tempDir(), 'items')
    mkdirSync(join(folder, 'meta'), { recursive: true })
    writeFileSync(join(folder, '0000_items.sql'), 'CREATE TABLE items (id serial PRIMARY KEY);')
    writeFileSync(
      join(folder, 'meta', '_journal.json'),
      JSON.stringify({ entries: [{ idx: 0, when: 1, tag: '0000_items', breakpoints: true }] }),
    )
    const db = await openPostgres({
      url: fresh,
      searchPath: `${tenant}, public`,
      migrations: folder,
    })
    expect(await tables(db, tenant)).toEqual(['__drizzle_migrations', 'items'])
    expect(await tables(db, 'public')).toEqual([])
    expect(await appliedCount(db, `${tenant}.__drizzle_migrations`)).toBe(1)
    await db.$client.end()
  })

  test('sets the statement timeout, application name and pool size on every connection', async () => {
    const db = await openPostgres({
      url,
      statementTimeout: 1234,
      applicationName: 'sluice-test',
      pool: { max: 2 },
    })
    const settings = await Promise.all(
      [1, 2, 3].map(() =>
        db.$client.query(
          "SELECT current_setting('statement_timeout') AS timeout, current_setting('application_name') AS name, pg_sleep(0.05)",
        ),
      ),
    )
    for (const { rows } of settings)
      expect(rows[0]).toMatchObject({ timeout: '1234ms', name: 'sluice-test' })
    expect(db.$client.totalCount).toBe(2)
    await db.$client.end()
  })

  test('statementTimeout 0 turns the timeout off, whatever the database sets', async () => {
    const fresh = await freshDatabase(url)
    const name = new URL(fresh).pathname.slice(1)
    const admin = await openPostgres({ url })
    await admin.$client.query(`ALTER DATABASE ${name} SET statement_timeout = '5s'`)
    await admin.$client.end()
    const db = await openPostgres({ url: fresh, statementTimeout: 0 })
    const { rows } = await db.$client.query("SELECT current_setting('statement_timeout') AS t")
    expect(rows[0]).toEqual({ t: '0' })
    await db.$client.end()
  })

  test('pages with the driver-neutral pagination helpers', async () => {
    const db = await openPostgres({
      url: await freshDatabase(url),
      schema,
      migrations: PG_MIGRATIONS,
    })
    await db
      .insert(schema.users)
      .values([1, 2, 3, 4, 5].map((i) => ({ email: `${i}@example.com` })))
    const page = await paginate(
      db.select().from(schema.users).orderBy(schema.users.id),
      db.$count(schema.users),
      {
        limit: 2,
        offset: 2,
      },
    )
    expect(page).toEqual({
      items: [
        { id: 3, email: '3@example.com' },
        { id: 4, email: '4@example.com' },
      ],
      total: 5,
      limit: 2,
      offset: 2,
    })
    const first = await paginateByCursor(
      (after) => db.select().from(schema.users).where(after).$dynamic(),
      schema.users.id,
      (user) => user.id,
      { limit: 3, after: undefined },
      'desc',
    )
    expect(first.items.map((user) => user.id)).toEqual([5, 4, 3])
    expect(first.nextCursor).toEqual(expect.any(String))
    await db.$client.end()
  })

  test('a deadlock is a transient error, for a retry to fix', async () => {
    const db = await openPostgres({
      url: await freshDatabase(url),
      schema,
      migrations: PG_MIGRATIONS,
    })
    await db.insert(schema.users).values([{ email: 'a@example.com' }, { email: 'b@example.com' }])
    let bothLocked!: () => void
    const bothLockedPromise = new Promise<void>((resolve) => (bothLocked = resolve))
    let locked = 0
    // Each transaction locks one row, waits for the other to lock its own, then wants the other's.
    const lockInOrder = (first: number, second: number) =>
      db.transaction(async (tx) => {
        await tx.update(schema.users).set({ email: sql`email` }).where(eq(schema.users.id, first))
        if (++locked === 2) bothLocked()
        await bothLockedPromise
        await tx.update(schema.users).set({ email: sql`email` }).where(eq(schema.users.id, second))
      })
    const results = await Promise.allSettled([lockInOrder(1, 2), lockInOrder(2, 1)])
    const failed = results.filter((result) => result.status === 'rejected')
    expect(failed).toHaveLength(1)
    expect(dbErrorKind(failed[0]!.reason)).toBe('busy')
    await db.$client.end()
  })

  test('logs queries when asked', async () => {
    const db = await openPostgres({ url, logger: true })
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await db.execute(sql`SELECT ${1}::int AS one`)
    expect(log).toHaveBeenCalledWith('Query: SELECT $1::int AS one -- params: [1]')
    log.mockRestore()
    await db.$client.end()
  })

  test('survives the server closing an idle connection', async () => {
    const db = await openPostgres({ url })
    const { rows } = await db.$client.query('SELECT pg_backend_pid() AS pid')
    const killer = await openPostgres({ url })
    // The pool drops the connection when it hears of its end: wait for that, not for a guessed delay.
    const removed = new Promise((resolve) => db.$client.once('remove', resolve))
    await killer.$client.query('SELECT pg_terminate_backend($1)', [rows[0].pid])
    await killer.$client.end()
    await removed
    expect((await db.execute(sql`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }])
    await db.$client.end()
  })
})

describePostgres('postgres() dependency', (url) => {
  function notesApp(options: {
    url: string
    statementTimeout?: number
    pool?: { max?: number; connectionTimeoutMillis?: number }
  }) {
    const db = postgres({ ...options, schema, migrations: PG_MIGRATIONS })
    const app = createApp({
      exceptionHandlers: postgresExceptionHandlers,
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
          async ({ body, db }) =>
            // Straight through the pool: pg's own DatabaseError, not wrapped by drizzle.
            (
              await db.$client.query('INSERT INTO notes (user_id, title) VALUES (1, $1)', [
                body.title,
              ])
            ).rowCount,
        ),
        route.get('/slow', { deps: { db } }, async ({ db }) => {
          // A minute: a test ends it (statementTimeout, or terminating it) long before.
          await db.execute(sql`SELECT pg_sleep(60)`)
          return 'done'
        }),
        route.get('/pool', { deps: { db } }, async ({ db }) => {
          await db.execute(sql`SELECT 1`)
          lastPool = db.$client
          return { total: db.$client.totalCount }
        }),
      ],
    })
    return app
  }
  let lastPool: Pool | undefined

  test('constraint violations answer 409 or 400 with no SQL in the body', async () => {
    const app = notesApp({ url: await freshDatabase(url) })
    expect((await app.request('/users', json({ email: 'a@example.com' }))).status).toBe(201)

    const duplicate = await app.request('/users', json({ email: 'a@example.com' }))
    expect(duplicate.status).toBe(409)
    const text = await duplicate.text()
    expect(JSON.parse(text)).toEqual({ detail: 'A record with the same values already exists' })
    expect(text).not.toMatch(/users|insert|duplicate|email/i)

    const orphan = await app.request('/notes', json({ userId: 999, title: 'Hi' }))
    expect(orphan.status).toBe(409)
    expect(await orphan.json()).toEqual({
      detail: 'The record refers to a record that does not exist, or is still referred to',
    })

    const empty = await app.request('/notes', json({ userId: 1, title: '' }))
    expect(empty.status).toBe(400)
    expect(await empty.json()).toEqual({
      detail: 'A value is not allowed by a database constraint',
    })

    const missing = await app.request('/raw-notes', json({ title: null }))
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ detail: 'A required value is missing' })
    const rawEmpty = await app.request('/raw-notes', json({ title: '' }))
    expect(rawEmpty.status).toBe(400)

    expect((await app.request('/notes', json({ userId: 1, title: 'Hi' }))).status).toBe(201)
    await app.shutdown()
  })

  test('text PostgreSQL cannot store (a NUL character) answers 400, not 500', async () => {
    const app = notesApp({ url: await freshDatabase(url) })
    expect((await app.request('/users', json({ email: 'a@example.com' }))).status).toBe(201)
    for (const path of ['/notes', '/raw-notes']) {
      const res = await app.request(path, json({ userId: 1, title: 'before\u0000after' }))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({
        detail: 'A text value contains a character the database cannot store',
      })
    }
    await app.shutdown()
  })

  test('a statement past statementTimeout answers 503 with Retry-After, promptly', async () => {
    const app = notesApp({ url: await freshDatabase(url), statementTimeout: 100 })
    // The query sleeps a minute: any answer within the test's timeout is the statement timeout's.
    const res = await app.request('/slow')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.json()).toEqual({ detail: 'The database is busy, retry shortly' })
    await app.shutdown()
  })

  test('no free connection within connectionTimeoutMillis answers 503', async () => {
    const app = notesApp({
      url: await freshDatabase(url),
      pool: { max: 1, connectionTimeoutMillis: 100 },
    })
    expect((await app.request('/pool')).status).toBe(200)
    const held = await lastPool!.connect()
    const res = await app.request('/users', json({ email: 'a@example.com' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    held.release()
    expect((await app.request('/users', json({ email: 'a@example.com' }))).status).toBe(201)
    await app.shutdown()
  })

  test('a connection the server ends mid-query answers 503', async () => {
    const app = notesApp({ url: await freshDatabase(url) })
    expect((await app.request('/pool')).status).toBe(200)
    const slow = app.request('/slow')
    // Ended once it is running (it sleeps a minute, so it will be seen running), not after a guessed delay.
    await vi.waitFor(
      async () => {
        const { rows } = await lastPool!.query(
          "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'",
        )
        expect(rows).toEqual([{ ended: true }])
      },
      { timeout: 10_000, interval: 20 },
    )
    const res = await slow
    expect(res.status).toBe(503)
    expect((await app.request('/pool')).status).toBe(200)
    await app.shutdown()
  })

  test('opens the pool on first use and ends it at shutdown', async () => {
    const app = notesApp({ url: await freshDatabase(url) })
    // The migrating connection was closed; the query's stays, idle.
    expect(await (await app.request('/pool')).json()).toEqual({ total: 1 })
    const pool = lastPool!
    expect(pool.ending).toBe(false)
    await app.shutdown()
    expect(pool.ending).toBe(true)
    expect(pool.totalCount).toBe(0)
  })

  test('an unreachable server answers 503, and the next request tries again', async () => {
    const app = notesApp({ url: 'postgres://sluice:sluice@127.0.0.1:1/nowhere' })
    const res = await app.request('/users', json({ email: 'a@example.com' }))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.text()).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/)
    expect((await app.request('/users', json({ email: 'a@example.com' }))).status).toBe(503)
    await app.shutdown()
  })
})
