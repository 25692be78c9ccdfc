import { type Dependency, depends, type ExceptionHandlerEntry } from '@sluice/core'
import Database from 'better-sqlite3'
import { dbExceptionHandlers, handleDbErrors } from './errors'
import { openSqlite, type SQLiteDatabase, type SqliteOptions } from './open'

export { type MigrationsOption, migrate } from './migrate'
export {
  DEFAULT_PRAGMAS,
  openSqlite,
  type PragmaValue,
  type SQLiteDatabase,
  type SqliteOptions,
} from './open'

/** Options of {@link sqlite}. */
export interface SqliteDependencyOptions<TSchema extends Record<string, unknown>>
  extends SqliteOptions<TSchema> {
  /** A name for error messages. Default `'sqlite'`. */
  readonly name?: string
}

/**
 * An app-scoped dependency yielding a drizzle database over better-sqlite3:
 * opened on first use (folder created, production pragmas set, migrations
 * applied), closed at `app.shutdown()`. Tests replace it with
 * `app.override(db, () => openSqlite({ url: ':memory:', … }))`.
 *
 * @example
 * ```ts
 * import * as schema from './schema'
 *
 * export const db = sqlite({ url: process.env.DATABASE_URL ?? 'data/app.db', schema, migrations: 'drizzle' })
 *
 * const listNotes = route.get('/notes', { deps: { db } }, ({ db }) => db.select().from(schema.notes).all())
 * ```
 */
export function sqlite<TSchema extends Record<string, unknown> = Record<string, never>>(
  options: SqliteDependencyOptions<TSchema>,
): Dependency<SQLiteDatabase<TSchema>, 'app'> {
  return depends(
    function* openDatabase() {
      const db = openSqlite(options)
      try {
        yield db
      } finally {
        db.$client.close()
      }
    },
    { scope: 'app', name: options.name ?? 'sqlite' },
  )
}

/**
 * {@link dbExceptionHandlers} plus better-sqlite3's `SqliteError`, which
 * synchronous calls (`.run()`, `.all()`, transactions) throw unwrapped: a
 * unique violation answers `409`, a foreign-key one `409`, a check or not-null
 * one `400`, never a `500` with SQL in it.
 *
 * @example
 * ```ts
 * const app = createApp({ routes, exceptionHandlers: sqliteExceptionHandlers })
 * ```
 */
export const sqliteExceptionHandlers: readonly ExceptionHandlerEntry[] = [
  ...dbExceptionHandlers,
  handleDbErrors(Database.SqliteError),
]
