import { type Dependency, depends, HTTPError, HTTPException } from '@sluice/core'
import { type Column, Param, sql } from 'drizzle-orm'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { Logger } from '../logging'
import type * as schema from './schema'

/** The app's tables, as the queries see them: SQLite's, or their PostgreSQL twins (same row types). */
export type Tables = typeof schema

/**
 * drizzle's query builder over {@link Tables}, typed as asynchronous SQLite's.
 * The queries in src/store use only what every driver shares — select, insert,
 * update and delete with `returning()`, awaited — so the same code runs on
 * better-sqlite3, libSQL, D1 and PostgreSQL; the test suite runs on SQLite and
 * PostgreSQL to hold that line.
 */
export type Orm = BaseSQLiteDatabase<'async', unknown, Tables>

/** An open database: the query builder, the tables of its dialect, and its lifecycle. */
export interface Database {
  readonly orm: Orm
  readonly tables: Tables
  /**
   * Resolves when the database can serve reads and writes (readiness): it answers a
   * trivial query and, for a SQLite file, the file is still the one opened and writable.
   */
  ping(): Promise<unknown>
  /**
   * Throws a {@link DatabaseFileError} when writes would not be kept: the SQLite file
   * was deleted, replaced or made read-only. A no-op for servers (PostgreSQL, libSQL
   * remote, D1) and in-memory databases.
   */
  checkWritable(): void
  close(): Promise<unknown>
}

/** Opens (and migrates) the app's database; each runtime's entry provides one. */
export type OpenDatabase = () => Promise<Database>

/**
 * A {@link Database} over any drizzle SQLite driver — better-sqlite3, libSQL or
 * D1 — whose queries can all be awaited, whether the driver is synchronous or not.
 * `checkFile`, for a local file, throws when the file can no longer take writes
 * (see {@link DatabaseFileError}); a file deleted or replaced also closes the
 * connection, so later writes fail instead of being acknowledged into a file
 * that no longer has a name.
 */
export function sqliteDatabase(
  orm: BaseSQLiteDatabase<'sync' | 'async', unknown, Tables>,
  tables: Tables,
  close: () => Promise<unknown>,
  checkFile: () => void = () => {},
): Database {
  let closed: Promise<unknown> | undefined
  const checkWritable = () => {
    try {
      checkFile()
    } catch (error) {
      if (error instanceof DatabaseFileError && error.problem === 'moved') closed ??= close()
      throw error
    }
  }
  return {
    orm: orm as Orm,
    tables,
    async ping() {
      checkWritable()
      return orm.run(sql`select 1`)
    },
    checkWritable,
    close: () => (closed ??= close()),
  }
}

/**
 * Why a SQLite file cannot take writes: `moved` when the path no longer names the
 * file opened (deleted, or replaced by another), `read-only` when it may not be written.
 */
export class DatabaseFileError extends Error {
  readonly problem: 'moved' | 'read-only'

  constructor(path: string, problem: 'moved' | 'read-only') {
    super(
      problem === 'moved'
        ? `The database file ${path} was deleted or replaced since it was opened`
        : `The database file ${path} is read-only`,
    )
    this.name = 'DatabaseFileError'
    this.problem = problem
  }
}

/**
 * The app's database as a dependency: opened on first use and closed at
 * shutdown. A database that cannot be opened answers 503 (and is tried again
 * by the next request) rather than a bare 500.
 */
export function database(open: OpenDatabase, log: Logger) {
  return depends(
    async function* () {
      let db: Database
      try {
        db = await open()
      } catch (error) {
        log.error('Could not open the database', error)
        throw new HTTPException(503, 'Database unavailable', { 'Retry-After': '5' })
      }
      try {
        yield db
      } finally {
        await db.close()
      }
    },
    { scope: 'app', name: 'database', responses: DATABASE_RESPONSES },
  )
}

/** What any operation that queries the database may answer besides its own responses. */
const DATABASE_RESPONSES = {
  503: {
    schema: HTTPError,
    description: 'The database is unavailable or busy; retry after `Retry-After` seconds',
  },
}

/**
 * What an operation that sends client text to the database may answer besides
 * (see `dbExceptionHandlers`): list it in the `responses` of a route that
 * writes, searches or looks up client text.
 */
export const TEXT_REFUSED = {
  400: {
    schema: HTTPError,
    description:
      'Text the database cannot store: PostgreSQL refuses a NUL character (U+0000) in any text',
  },
}

/**
 * The database for a route that writes: checked first ({@link Database.checkWritable},
 * a `stat` of the file), so a write the file could not keep answers 503 with
 * `Retry-After` instead of being acknowledged and lost.
 *
 * @example
 * ```ts
 * route.post('/todos', { deps: { db: writableDatabase(db) } }, ({ db }) => createTodo(db, …))
 * ```
 */
export function writableDatabase(db: Dependency<Database, 'app'>) {
  return depends({ db }, ({ db }) => {
    try {
      db.checkWritable()
    } catch (error) {
      const unavailable = new HTTPException(503, 'Database unavailable', { 'Retry-After': '5' })
      unavailable.cause = error
      throw unavailable
    }
    return db
  })
}

/** The row an `INSERT … RETURNING` of one row gave back. */
export function insertedRow<T>([row]: readonly T[]): T {
  if (row === undefined) throw new Error('INSERT … RETURNING gave back no row')
  return row
}

/**
 * A cache of prepared queries, per database and key. A prepared query has its
 * SQL built once by drizzle and its statement kept by the driver
 * (better-sqlite3, D1), which on a hot path is most of what a query costs; the
 * values go in through placeholders at each execution (see {@link bound}).
 *
 * @example
 * ```ts
 * const byId = preparedQueries<ReturnType<typeof prepareById>>()
 * const [user] = await byId(db, '', () => prepareById(db)).execute({ id })
 * ```
 */
export function preparedQueries<Q>() {
  const byDatabase = new WeakMap<Database, Map<string, Q>>()
  return (db: Database, key: string, prepare: () => Q): Q => {
    let queries = byDatabase.get(db)
    if (!queries) {
      queries = new Map()
      byDatabase.set(db, queries)
    }
    let query = queries.get(key)
    if (query === undefined) {
      query = prepare()
      queries.set(key, query)
    }
    return query
  }
}

/**
 * A placeholder for a value of `column`, encoded by the column when it is
 * filled in (a boolean becomes 0 or 1 on SQLite), which a bare
 * `sql.placeholder` compared with a column is not.
 */
export const bound = (column: Column, name: string): Param =>
  new Param(sql.placeholder(name), column)
