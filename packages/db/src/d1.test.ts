import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createApp, route } from '@sluice/core'
import { eq } from 'drizzle-orm'
import type { AnyD1Database } from 'drizzle-orm/d1'
import { Miniflare } from 'miniflare'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { applyD1Migrations, type D1Migration, d1, d1ExceptionHandlers, openD1 } from './d1'
import { dbErrorKind, dbExceptionHandlers } from './errors'
import { migrationFiles } from './fixtures/migration-files'
import { MIGRATIONS } from './fixtures/paths'
import * as schema from './fixtures/schema'
import { tempDir } from './fixtures/temp'

/** The fixture migrations as a Worker would bundle them: file names and SQL. */
const migrations: D1Migration[] = migrationFiles(MIGRATIONS)
const names = migrations.map((migration) => migration.name)

/** Real D1 databases, served by workerd through Miniflare; each test takes a fresh one. */
let mf: Miniflare
const DATABASES = [
  'APPLY',
  'UPGRADE',
  'RACE',
  'FAILING',
  'QUERIES',
  'ERRORS',
  'APP',
  'OVERRIDE',
] as const

beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null, { status: 404 }) }',
    d1Databases: [...DATABASES],
    compatibilityDate: '2026-04-01',
  })
  await mf.ready
}, 30_000)

afterAll(() => mf?.dispose())

function database(name: (typeof DATABASES)[number]): Promise<AnyD1Database> {
  return mf.getD1Database(name)
}

async function migrated(name: (typeof DATABASES)[number]) {
  const binding = await database(name)
  await applyD1Migrations(binding, migrations)
  return binding
}

async function tables(binding: AnyD1Database): Promise<string[]> {
  const { results } = await binding
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
    )
    .all()
  return results.map((row: { name: string }) => row.name)
}

async function recorded(binding: AnyD1Database): Promise<string[]> {
  const { results } = await binding.prepare('SELECT name FROM d1_migrations ORDER BY id').all()
  return results.map((row: { name: string }) => row.name)
}

describe('applyD1Migrations', () => {
  test('applies every migration once, recording them in wrangler’s d1_migrations table', async () => {
    const binding = await database('APPLY')
    expect(await applyD1Migrations(binding, migrations)).toEqual([
      '0000_users.sql',
      '0001_notes.sql',
    ])
    expect(await tables(binding)).toEqual(['d1_migrations', 'notes', 'users'])
    expect(await recorded(binding)).toEqual(names)
    const columns = await binding.prepare('PRAGMA table_info(d1_migrations)').all()
    expect(columns.results.map((column: { name: string }) => column.name)).toEqual([
      'id',
      'name',
      'applied_at',
    ])
    expect(await applyD1Migrations(binding, migrations)).toEqual([])
    expect(await recorded(binding)).toEqual(names)
  })

  test('applies only the migrations a database does not have yet, keeping its rows', async () => {
    const binding = await database('UPGRADE')
    expect(await applyD1Migrations(binding, migrations.slice(0, 1))).toEqual(['0000_users.sql'])
    await binding.prepare("INSERT INTO users (email) VALUES ('early@example.com')").run()
    expect(await applyD1Migrations(binding, migrations)).toEqual(['0001_notes.sql'])
    expect(await binding.prepare('SELECT email FROM users').all()).toMatchObject({
      results: [{ email: 'early@example.com' }],
    })
  })

  test('two runs at once apply each migration exactly once between them', async () => {
    const binding = await database('RACE')
    const runs = await Promise.all([
      applyD1Migrations(binding, migrations),
      applyD1Migrations(binding, migrations),
      applyD1Migrations(binding, migrations),
    ])
    expect(runs.flat().sort()).toEqual(names)
    expect(await recorded(binding)).toEqual(names)
  })

  test('a failing migration leaves neither its changes nor its record', async () => {
    const binding = await database('FAILING')
    const broken = {
      name: '0002_broken.sql',
      sql: 'CREATE TABLE tags (id integer);\n--> statement-breakpoint\nINSERT INTO missing VALUES (1);',
    }
    await expect(applyD1Migrations(binding, [...migrations, broken])).rejects.toThrow(
      /no such table: missing/,
    )
    expect(await tables(binding)).toEqual(['d1_migrations', 'notes', 'users'])
    expect(await recorded(binding)).toEqual(names)
  })
})

/** Runs the real `wrangler d1 migrations apply` on a local database persisted in `dir`. */
async function wranglerApply(dir: string): Promise<string> {
  const wrangler = fileURLToPath(new URL('../node_modules/.bin/wrangler', import.meta.url))
  const args = ['d1', 'migrations', 'apply', 'app', '--local', '--persist-to', 'state']
  const env = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' }
  const { stdout } = await promisify(execFile)(wrangler, args, { cwd: dir, env })
  return stdout
}

test('agrees with `wrangler d1 migrations apply` on what was applied, both ways', async () => {
  const dir = tempDir()
  const id = '00000000-0000-4000-8000-000000000001'
  const database = { binding: 'DB', database_name: 'app', database_id: id, migrations_dir: 'sql' }
  writeFileSync(
    join(dir, 'wrangler.json'),
    JSON.stringify({ name: 'app', compatibility_date: '2026-04-01', d1_databases: [database] }),
  )
  mkdirSync(join(dir, 'sql'))
  const release = (name: string) => copyFileSync(join(MIGRATIONS, name), join(dir, 'sql', name))
  release('0000_users.sql')
  expect(await wranglerApply(dir)).toMatch(/0000_users\.sql.*✅/)

  const local = new Miniflare({
    modules: true,
    script: 'export default { fetch: () => new Response(null, { status: 404 }) }',
    d1Databases: { DB: id },
    d1Persist: join(dir, 'state', 'v3', 'd1'),
    compatibilityDate: '2026-04-01',
  })
  try {
    expect(await applyD1Migrations(await local.getD1Database('DB'), migrations)).toEqual([
      '0001_notes.sql',
    ])
  } finally {
    await local.dispose()
  }
  release('0001_notes.sql')
  expect(await wranglerApply(dir)).toContain('No migrations to apply')
}, 60_000)

describe('openD1', () => {
  test('runs drizzle queries, relational queries and batches on D1', async () => {
    const db = openD1(await migrated('QUERIES'), { schema })
    const [user] = await db.insert(schema.users).values({ email: 'a@example.com' }).returning()
    expect(user).toEqual({ id: 1, email: 'a@example.com' })
    await db.batch([
      db.insert(schema.notes).values({ userId: 1, title: 'one' }),
      db.insert(schema.notes).values({ userId: 1, title: 'two' }),
    ])
    expect(
      await db.query.notes.findMany({
        where: eq(schema.notes.userId, 1),
        columns: { title: true },
      }),
    ).toEqual([{ title: 'one' }, { title: 'two' }])
    expect(await db.$count(schema.notes)).toBe(2)
  })
})

describe('D1 errors', () => {
  test('dbErrorKind classifies real D1 constraint errors, awaited or batched', async () => {
    const db = openD1(await migrated('ERRORS'))
    await db.insert(schema.users).values({ email: 'a@example.com' })
    const kindOf = (query: Promise<unknown>) => query.then(() => 'no error', dbErrorKind)
    const duplicate = db.insert(schema.users).values({ email: 'a@example.com' })
    expect(await kindOf(duplicate)).toBe('unique')
    expect(await kindOf(db.batch([duplicate]))).toBe('unique')
    expect(await kindOf(db.insert(schema.notes).values({ userId: 99, title: 'x' }))).toBe(
      'foreign_key',
    )
    expect(await kindOf(db.insert(schema.notes).values({ userId: 1, title: '' }))).toBe('check')
    expect(
      await kindOf(db.$client.prepare('INSERT INTO notes (user_id, title) VALUES (1, NULL)').run()),
    ).toBe('not_null')
    expect(await kindOf(db.$client.prepare('SELECT * FROM secret_table').run())).toBeUndefined()
  })

  function notesApp(handlers = d1ExceptionHandlers) {
    const logged: unknown[] = []
    const db = d1('DB', { schema })
    const User = v.object({ email: v.string() })
    const app = createApp({
      exceptionHandlers: handlers,
      logger: { error: (_, error) => logged.push(error) },
      routes: [
        route.post('/users', { body: User, deps: { db }, status: 201 }, async ({ body, db }) => {
          const [user] = await db.insert(schema.users).values(body).returning()
          return user
        }),
        // A user and a welcome note, atomically: D1's batch throws its errors unwrapped.
        route.post('/signup', { body: User, deps: { db }, status: 201 }, async ({ body, db }) => {
          const [[user]] = await db.batch([
            db.insert(schema.users).values(body).returning(),
            db.insert(schema.notes).values({ userId: 1, title: 'Welcome' }),
          ])
          return user
        }),
        route.post(
          '/notes',
          { body: v.object({ userId: v.number(), title: v.string() }), deps: { db }, status: 201 },
          async ({ body, db }) => (await db.insert(schema.notes).values(body).returning())[0],
        ),
        route.get('/users', { deps: { db } }, ({ db }) => db.select().from(schema.users).all()),
        route.get('/broken', {}, () => {
          throw new Error('not a database error')
        }),
      ],
    })
    return { app, db, logged }
  }

  async function post(app: ReturnType<typeof notesApp>['app'], path: string, body: unknown) {
    const env = { DB: await database('APP') }
    const init = { method: 'POST', body: JSON.stringify(body) }
    const res = await app.request(
      path,
      { ...init, headers: { 'content-type': 'application/json' } },
      env,
    )
    return { status: res.status, body: await res.text() }
  }

  test('a route on the env’s binding answers 409 and 400 with no SQL in the body', async () => {
    await migrated('APP')
    const { app, logged } = notesApp()
    expect(await post(app, '/users', { email: 'a@example.com' })).toEqual({
      status: 201,
      body: '{"id":1,"email":"a@example.com"}',
    })
    const conflict = '{"detail":"A record with the same values already exists"}'
    expect(await post(app, '/users', { email: 'a@example.com' })).toEqual({
      status: 409,
      body: conflict,
    })
    expect(await post(app, '/signup', { email: 'a@example.com' })).toEqual({
      status: 409,
      body: conflict,
    })
    expect(await post(app, '/notes', { userId: 99, title: 'x' })).toEqual({
      status: 409,
      body: '{"detail":"The record refers to a record that does not exist, or is still referred to"}',
    })
    expect(await post(app, '/notes', { userId: 1, title: '' })).toEqual({
      status: 400,
      body: '{"detail":"A value is not allowed by a database constraint"}',
    })
    const broken = await app.request('/broken')
    expect(broken.status).toBe(500)
    expect(await broken.json()).toEqual({ detail: 'Internal Server Error' })
    expect(logged).toEqual([new Error('not a database error')])
  })

  test('without D1’s handler, a batch’s constraint error is an unexpected 500', async () => {
    const { app, logged } = notesApp(dbExceptionHandlers)
    expect(await post(app, '/signup', { email: 'a@example.com' })).toEqual({
      status: 500,
      body: '{"detail":"Internal Server Error"}',
    })
    expect(String(logged[0])).toMatch(/^Error: D1_ERROR: UNIQUE constraint failed/)
  })

  test('a missing binding is a logged 500 naming it', async () => {
    const { app, logged } = notesApp()
    const res = await app.request('/users', {}, { OTHER: await database('APP') })
    expect(res.status).toBe(500)
    expect(String(logged[0])).toBe('TypeError: No D1 binding "DB" in the request\'s env')
  })

  test('can be replaced by another database in tests', async () => {
    const { app, db } = notesApp()
    const other = openD1(await migrated('OVERRIDE'), { schema })
    await other.insert(schema.users).values({ email: 'fixture@example.com' })
    app.override(db, () => other)
    expect(await (await app.request('/users')).json()).toEqual([
      { id: 1, email: 'fixture@example.com' },
    ])
  })
})
