/**
 * A schema another tool made: the tables below are what Alembic creates for
 * SQLModel models (no SQL defaults: SQLModel fills them in Python), created here
 * with plain SQL, never by drizzle. drizzle tables describe them; the rows are
 * written and read through an app over HTTP, on SQLite and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { createApp, HTTPException, route, uuid } from '@sluice/core'
import { eq } from 'drizzle-orm'
import { boolean, pgTable, uuid as pgUuid, varchar } from 'drizzle-orm/pg-core'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { describePostgres, freshDatabase } from './fixtures/postgres'
import { tempDir } from './fixtures/temp'
import { openPostgres, pgTimestamp } from './postgres'
import { findById, updateById } from './rows'
import { openSqlite } from './sqlite'
import { sqliteUuid } from './sqlite-uuid'
import { pydanticDatetime, sqliteTimestamp } from './timestamps'

// What `alembic revision --autogenerate` writes for the FastAPI template's Item, per dialect.
const SQLITE_DDL = `CREATE TABLE item (
  id CHAR(32) NOT NULL PRIMARY KEY,
  title VARCHAR(255) NOT NULL,
  done BOOLEAN NOT NULL,
  created_at DATETIME NOT NULL
)`
const PG_DDL = `CREATE TABLE item (
  id UUID NOT NULL PRIMARY KEY,
  title VARCHAR(255) NOT NULL,
  done BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
)`

// Client-side defaults ($defaultFn): the table has no DEFAULT for drizzle's .default() to ask for.
const sqliteItems = sqliteTable('item', {
  id: sqliteUuid('id').primaryKey().$defaultFn(randomUUID), // SQLAlchemy's Uuid on SQLite: 32 hex digits
  title: text('title').notNull(),
  done: integer('done', { mode: 'boolean' })
    .notNull()
    .$defaultFn(() => false),
  createdAt: sqliteTimestamp('created_at')
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
})
const pgItems = pgTable('item', {
  id: pgUuid('id').primaryKey().$defaultFn(randomUUID),
  title: varchar('title', { length: 255 }).notNull(),
  done: boolean('done')
    .notNull()
    .$defaultFn(() => false),
  createdAt: pgTimestamp('created_at', { withTimezone: true })
    .notNull()
    .$defaultFn(() => new Date().toISOString()),
})

const ItemPublic = v.object({
  id: v.string(),
  title: v.string(),
  done: v.boolean(),
  createdAt: v.string(),
})
const ItemUpdate = v.object({ title: v.optional(v.string()), done: v.optional(v.boolean()) })

// biome-ignore lint/suspicious/noExplicitAny: one app over either dialect's database and table
function itemsApp(db: any, items: any) {
  const params = v.object({ id: uuid() })
  const found = (row: unknown) => {
    if (!row) throw new HTTPException(404, 'Item not found')
    return row as v.InferOutput<typeof ItemPublic>
  }
  return createApp({
    routes: [
      route.post(
        '/items',
        { body: v.object({ title: v.string() }), responses: { 201: ItemPublic }, status: 201 },
        async ({ body }) => (await db.insert(items).values(body).returning())[0],
      ),
      route.get('/items/:id', { params, responses: { 200: ItemPublic } }, async ({ params }) =>
        found(await findById(db, items, params.id)),
      ),
      route.patch(
        '/items/:id',
        { params, body: ItemUpdate, responses: { 200: ItemPublic } },
        async ({ params, body }) => found(await updateById(db, items, params.id, body)),
      ),
      route.get('/count', {}, async () => ({
        count: await db.$count(items, eq(items.done, true)),
      })),
    ],
  })
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
})

async function exercise(app: ReturnType<typeof itemsApp>, hex: (id: string) => string) {
  const created = await app.request('/items', json('POST', { title: 'Adopted' }))
  expect(created.status).toBe(201)
  const item = await created.json()
  expect(item).toMatchObject({ title: 'Adopted', done: false })
  const read = await app.request(`/items/${item.id}`)
  expect(await read.json()).toEqual(item)
  // PATCH {}: no fields to set, so no UPDATE; the row as it is.
  const unchanged = await app.request(`/items/${item.id}`, json('PATCH', {}))
  expect(unchanged.status).toBe(200)
  expect(await unchanged.json()).toEqual(item)
  const done = await app.request(`/items/${item.id}`, json('PATCH', { done: true }))
  expect(await done.json()).toEqual({ ...item, done: true })
  expect(await (await app.request('/count')).json()).toEqual({ count: 1 })
  const missing = await app.request(`/items/${hex(randomUUID())}`, json('PATCH', {}))
  expect(missing.status).toBe(404)
  return item
}

describe('a schema made outside drizzle, on SQLite', () => {
  test("drizzle's .default() finds no SQL default there; $defaultFn fills the row in the client", async () => {
    const db = openSqlite({ url: join(tempDir(), 'alembic.db') })
    db.$client.exec(SQLITE_DDL)
    const item = await exercise(itemsApp(db, sqliteItems), (id) => id)
    // Stored as SQLAlchemy stores it, so the FastAPI app still reads the rows it shares.
    const row = db.$client.prepare('SELECT id, created_at FROM item').get() as Record<
      string,
      string
    >
    expect(row.id).toMatch(/^[0-9a-f]{32}$/)
    expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/)
    expect(item.createdAt).toBe(pydanticDatetime(`${row.created_at}Z`))
    db.$client.close()
  })

  test('microseconds SQLAlchemy stored are answered as FastAPI answers them', async () => {
    const db = openSqlite({ url: ':memory:' })
    db.$client.exec(SQLITE_DDL)
    const id = randomUUID()
    db.$client
      .prepare("INSERT INTO item VALUES (?, 'Old', 0, '2018-12-22 14:05:00.671234')")
      .run(id.replaceAll('-', ''))
    const response = await itemsApp(db, sqliteItems).request(`/items/${id}`)
    expect((await response.json()).createdAt).toBe('2018-12-22T14:05:00.671234Z')
  })
})

describePostgres('a schema made outside drizzle, on PostgreSQL', (url) => {
  test("drizzle's .default() finds no SQL default there; $defaultFn fills the row in the client", async () => {
    const db = await openPostgres({ url: await freshDatabase(url) })
    await db.$client.query(PG_DDL)
    await exercise(itemsApp(db, pgItems), (id) => id.replaceAll('-', ''))
    await db.$client.end()
  })

  test('timestamps keep the microseconds PostgreSQL stored, as FastAPI answers them', async () => {
    const db = await openPostgres({ url: await freshDatabase(url) })
    await db.$client.query(PG_DDL)
    const id = randomUUID()
    await db.$client.query(
      "INSERT INTO item VALUES ($1, 'Old', false, '2018-12-22 14:05:00.671234+00'), ($2, 'Round', false, '2018-12-22 14:05:00.67+00')",
      [id, randomUUID()],
    )
    const app = itemsApp(db, pgItems)
    expect((await (await app.request(`/items/${id}`)).json()).createdAt).toBe(
      '2018-12-22T14:05:00.671234Z',
    )
    const rows = await db.select().from(pgItems).orderBy(pgItems.createdAt)
    expect(rows.map((row) => row.createdAt)).toEqual([
      '2018-12-22T14:05:00.670000Z',
      '2018-12-22T14:05:00.671234Z',
    ])
    await db.$client.end()
  })
})

// Each expectation is what Pydantic 2.13's TypeAdapter(datetime).dump_json() wrote for the same value.
describe('pydanticDatetime: database text as Pydantic writes a datetime in JSON', () => {
  test.each([
    ['2018-12-22 14:05:00.671234+00', '2018-12-22T14:05:00.671234Z'],
    ['2018-12-22 14:05:00.67+01', '2018-12-22T14:05:00.670000+01:00'],
    ['2018-12-22 14:05:00+05:30', '2018-12-22T14:05:00+05:30'],
    ['2018-12-22 14:05:00.000000', '2018-12-22T14:05:00'],
    ['2018-12-22 14:05:00.000005', '2018-12-22T14:05:00.000005'],
    ['2018-12-22T14:05:00.671Z', '2018-12-22T14:05:00.671000Z'],
  ])('%s → %s', (text, expected) => {
    expect(pydanticDatetime(text)).toBe(expected)
  })
})
