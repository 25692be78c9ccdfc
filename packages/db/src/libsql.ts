/**
 * libSQL through `@libsql/client`: SQLite in a local file or in memory on
 * Node, Bun and Deno, or a libSQL server (Turso, `sqld`) anywhere, Workers
 * included. Handlers get a drizzle SQLite database, as with `@sluice/db/sqlite`,
 * but every query is awaited.
 *
 * @module
 */
import { LibsqlError } from '@libsql/client'
import { type Dependency, depends, type ExceptionHandlerEntry } from '@sluice/core'
import { dbExceptionHandlers, handleDbErrors } from './errors'
import { type LibsqlDatabase, type LibsqlOptions, openLibsql } from './libsql-open'

export { type LibsqlDatabase, type LibsqlOptions, openLibsql } from './libsql-open'
export type { MigrationsOption } from './migrations'

/** Options of {@link libsql}. */
export interface LibsqlDependencyOptions<TSchema extends Record<string, unknown>>
  extends LibsqlOptions<TSchema> {
  /** A name for error messages. Default `'libsql'`. */
  readonly name?: string
}

/**
 * An app-scoped dependency yielding a drizzle database over a libSQL client:
 * opened on first use (pragmas set, migrations applied), closed at
 * `app.shutdown()`. While a server is unreachable, requests answer `503` and
 * the next one tries again. Tests replace it with
 * `app.override(db, () => openLibsql({ url: ':memory:', … }))`.
 *
 * @example
 * ```ts
 * import * as schema from './schema'
 *
 * export const db = libsql({ url: process.env.DATABASE_URL ?? 'file:data/app.db', schema, migrations: 'drizzle' })
 *
 * const listNotes = route.get('/notes', { deps: { db } }, ({ db }) => db.select().from(schema.notes))
 * ```
 */
export function libsql<TSchema extends Record<string, unknown> = Record<string, never>>(
  options: LibsqlDependencyOptions<TSchema>,
): Dependency<LibsqlDatabase<TSchema>, 'app'> {
  return depends(
    async function* openDatabase() {
      const db = await openLibsql(options)
      try {
        yield db
      } finally {
        db.$client.close()
      }
    },
    { scope: 'app', name: options.name ?? 'libsql' },
  )
}

/**
 * {@link dbExceptionHandlers} plus `LibsqlError`, which `db.$client.execute()`
 * and `batch()` throw unwrapped: a unique or foreign-key violation answers
 * `409`, a check or not-null one `400`, a busy database `503`, never a `500`
 * with SQL in it.
 *
 * @example
 * ```ts
 * const app = createApp({ routes, exceptionHandlers: libsqlExceptionHandlers })
 * ```
 */
export const libsqlExceptionHandlers: readonly ExceptionHandlerEntry[] = [
  ...dbExceptionHandlers,
  handleDbErrors(LibsqlError),
]
