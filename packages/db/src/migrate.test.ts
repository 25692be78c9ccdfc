import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { MIGRATIONS } from './fixtures/paths'
import { users } from './fixtures/schema'
import { runChild, tempDir } from './fixtures/temp'
import { migrate, openSqlite, type SQLiteDatabase } from './sqlite'

function tables(db: SQLiteDatabase) {
  return db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all()
    .sort()
}

function appliedCount(db: SQLiteDatabase) {
  return db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()
}

/** A copy of the fixture migrations as an older release had them: only the first one. */
function firstMigrationOnly(dir: string) {
  const folder = join(dir, 'drizzle-v1')
  cpSync(MIGRATIONS, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  journal.entries = journal.entries.slice(0, 1)
  writeFileSync(journalPath, JSON.stringify(journal))
  return folder
}

describe('migrate', () => {
  test('creates the folder and every table on an empty database', () => {
    const url = join(tempDir(), 'nested', 'data', 'app.db')
    const db = openSqlite({ url, migrations: MIGRATIONS })
    expect(existsSync(url)).toBe(true)
    expect(tables(db)).toEqual(['__drizzle_migrations', 'notes', 'users'])
    expect(appliedCount(db)).toBe(2)
    db.$client.close()
  })

  test('is idempotent: a second run applies nothing and keeps the data', () => {
    const url = join(tempDir(), 'app.db')
    const db = openSqlite({ url, migrations: MIGRATIONS })
    db.insert(users).values({ email: 'a@example.com' }).run()
    migrate(db, MIGRATIONS)
    migrate(db, { migrationsFolder: MIGRATIONS })
    expect(appliedCount(db)).toBe(2)
    expect(db.select().from(users).all()).toEqual([{ id: 1, email: 'a@example.com' }])
    db.$client.close()
  })

  test('upgrades a database made by an older version, keeping its rows', () => {
    const dir = tempDir()
    const url = join(dir, 'app.db')
    const old = openSqlite({ url, migrations: firstMigrationOnly(dir) })
    expect(tables(old)).toEqual(['__drizzle_migrations', 'users'])
    old.insert(users).values({ email: 'early@example.com' }).run()
    old.$client.close()

    const db = openSqlite({ url, migrations: MIGRATIONS })
    expect(tables(db)).toEqual(['__drizzle_migrations', 'notes', 'users'])
    expect(appliedCount(db)).toBe(2)
    expect(db.select().from(users).all()).toEqual([{ id: 1, email: 'early@example.com' }])
    db.$client.close()
  })

  test('works on :memory:', () => {
    const db = openSqlite({ url: ':memory:', migrations: MIGRATIONS })
    expect(tables(db)).toEqual(['__drizzle_migrations', 'notes', 'users'])
    db.$client.close()
  })

  test('a failing migration leaves the database as it was', () => {
    const dir = tempDir()
    const folder = firstMigrationOnly(dir)
    const url = join(dir, 'app.db')
    openSqlite({ url, migrations: folder }).$client.close()
    const broken = join(dir, 'drizzle-broken')
    cpSync(MIGRATIONS, broken, { recursive: true })
    writeFileSync(join(broken, '0001_notes.sql'), 'CREATE TABLE notes (id integer);\nNOT SQL;')
    expect(() => openSqlite({ url, migrations: broken })).toThrow()
    const db = openSqlite({ url })
    expect(tables(db)).toEqual(['__drizzle_migrations', 'users'])
    db.$client.close()
  })

  test('three processes starting at the same instant all succeed and apply each migration once', async () => {
    const url = join(tempDir(), 'app.db')
    const startAt = String(Date.now() + 1500)
    const results = await Promise.all([1, 2, 3].map(() => runChild('migrate', url, startAt)))
    for (const result of results) expect(result).toEqual({ code: 0, out: 'migrated\n' })
    const db = openSqlite({ url })
    expect(appliedCount(db)).toBe(2)
    expect(tables(db)).toEqual(['__drizzle_migrations', 'notes', 'users'])
    db.$client.close()
  }, 20_000)
})
