/*
 * Opening the database a URL names, on Node, Bun and Deno. Each driver is
 * imported only when its URL is used, so a process loads one of them: Bun and
 * Deno cannot load better-sqlite3, and SQLite users need no PostgreSQL client.
 */
import { accessSync, constants, type Stats, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { type Database, DatabaseFileError, type Orm, sqliteDatabase, type Tables } from './database'
import * as schema from './schema'
import * as pgSchema from './schema.pg'

/** The SQL migrations drizzle-kit generates from the schemas (`pnpm db:generate`). */
export const MIGRATIONS = {
  sqlite: fileURLToPath(new URL('../../drizzle/sqlite', import.meta.url)),
  postgres: fileURLToPath(new URL('../../drizzle/postgres', import.meta.url)),
}

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** PostgreSQL: the schema the tables live in (tests give each app its own). */
  readonly searchPath?: string
}

const POSTGRES_URL = /^postgres(ql)?:\/\//
const LIBSQL_URL = /^(libsql|https?|wss?|file):/

/**
 * The libSQL URL of a `DATABASE_URL` setting: URLs stay as they are, and a
 * SQLite file path becomes a `file:` URL, so Bun and Deno (which cannot load
 * better-sqlite3) open the same files as Node.
 *
 * @example
 * ```ts
 * asLibsqlUrl('./data/todo.db') // 'file:./data/todo.db'
 * asLibsqlUrl('postgres://db/todo') // unchanged
 * ```
 */
export function asLibsqlUrl(setting: string): string {
  return POSTGRES_URL.test(setting) || LIBSQL_URL.test(setting) ? setting : `file:${setting}`
}

/**
 * Opens the database at `url` and applies pending migrations:
 * - `postgres://…` or `postgresql://…`: PostgreSQL, pooled (node-postgres);
 * - `file:…`, `libsql://…`, `http(s)://…`, `ws(s)://…`: libSQL (a local file, or Turso / sqld);
 * - anything else: a SQLite file path (or `:memory:`) through better-sqlite3.
 *
 * @example
 * ```ts
 * const db = await connect(process.env.DATABASE_URL ?? './data/todo.db')
 * ```
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Database> {
  if (POSTGRES_URL.test(url)) return connectPostgres(url, options)
  if (LIBSQL_URL.test(url)) {
    const { openLibsql } = await import('@sluice/db/libsql')
    const db = await openLibsql({ url, schema, migrations: MIGRATIONS.sqlite })
    return sqliteDatabase(db, schema, async () => db.$client.close(), fileCheck(libsqlPath(url)))
  }
  const { openSqlite } = await import('@sluice/db/sqlite')
  const db = openSqlite({ url, schema, migrations: MIGRATIONS.sqlite })
  return sqliteDatabase(db, schema, async () => db.$client.close(), fileCheck(url))
}

/** The local file a libSQL URL names (`file:data/todo.db?…`), or undefined for a server. */
function libsqlPath(url: string): string | undefined {
  return url.startsWith('file:') ? url.slice('file:'.length).split('?')[0] : undefined
}

/**
 * Checks that the SQLite file at `path` is still the one just opened and writable.
 * In WAL mode SQLite goes on acknowledging writes into a file deleted under it
 * (into its -wal, all lost at restart), and a file whose write permission was
 * removed keeps taking writes from a connection opened before: readiness must
 * look at the file itself. `:memory:` has no file to check.
 */
function fileCheck(path: string | undefined): () => void {
  if (path === undefined || path === '' || path === ':memory:') return () => {}
  const opened = statSync(path)
  return () => {
    const now = statSync(path, { throwIfNoEntry: false })
    if (!now || now.ino !== opened.ino || now.dev !== opened.dev) {
      throw new DatabaseFileError(path, 'moved')
    }
    if (!writable(path, now)) throw new DatabaseFileError(path, 'read-only')
  }
}

/** Writable by this process, and meant to be: root may write a file with no write bit, but was told not to. */
function writable(path: string, stats: Stats): boolean {
  if ((stats.mode & 0o222) === 0) return false
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

async function connectPostgres(url: string, { searchPath }: ConnectOptions): Promise<Database> {
  const { openPostgres } = await import('@sluice/db/postgres')
  const db = await openPostgres({
    url,
    schema: pgSchema,
    migrations: MIGRATIONS.postgres,
    applicationName: 'todo-api',
    ...(searchPath === undefined ? {} : { searchPath }),
  })
  return {
    // The PostgreSQL tables build the same queries with the same row types (see Orm). Queries
    // prepared through this SQLite-typed view get no statement name, so PostgreSQL sees unnamed
    // statements: drizzle still builds their SQL once, the server parses them each time.
    orm: db as unknown as Orm,
    tables: pgSchema as unknown as Tables,
    ping: () => db.execute(sql`select 1`),
    // A server keeps its own files.
    checkWritable: () => {},
    close: () => db.$client.end(),
  }
}

/** Applies pending migrations to the database at `url`, then closes it (`pnpm db:migrate`, start-up). */
export async function migrateDatabase(url: string): Promise<void> {
  await (await connect(url)).close()
}
