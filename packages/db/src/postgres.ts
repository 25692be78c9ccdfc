/**
 * PostgreSQL through node-postgres (`pg`). Chosen over postgres.js for its
 * pool options (size, idle and connect timeouts), its standard errors (a
 * `DatabaseError` whose `code` is the SQLSTATE, which `dbErrorKind` maps), and
 * because it also runs on Cloudflare Workers (through `pg-cloudflare`).
 *
 * @module
 */
import { type Dependency, depends, type ExceptionHandlerEntry } from '@sluice/core'
import { DrizzleError } from 'drizzle-orm/errors'
import pg from 'pg'
import { dbExceptionHandlers, handleDbErrors } from './errors'
import { openPostgres, type PostgresDatabase, type PostgresOptions } from './postgres-open'

export type { MigrationsOption } from './migrations'
export { migratePostgres } from './postgres-migrate'
export { openPostgres, type PostgresDatabase, type PostgresOptions } from './postgres-open'
export { type PgTimestampConfig, pgTimestamp } from './postgres-timestamp'

/** Options of {@link postgres}. */
export interface PostgresDependencyOptions<TSchema extends Record<string, unknown>>
  extends PostgresOptions<TSchema> {
  /** A name for error messages. Default `'postgres'`. */
  readonly name?: string
}

/**
 * An app-scoped dependency yielding a drizzle database over a node-postgres
 * pool: opened on first use (migrations applied), the pool ended at
 * `app.shutdown()`. While the server is unreachable, requests answer `503`
 * and the next one tries again. Tests replace it with
 * `app.override(db, () => openPostgres({ url: testUrl, … }))`.
 *
 * @example
 * ```ts
 * import * as schema from './schema'
 *
 * export const db = postgres({ url: process.env.DATABASE_URL!, schema, migrations: 'drizzle' })
 *
 * const listNotes = route.get('/notes', { deps: { db } }, ({ db }) => db.select().from(schema.notes))
 * ```
 */
export function postgres<TSchema extends Record<string, unknown> = Record<string, never>>(
  options: PostgresDependencyOptions<TSchema>,
): Dependency<PostgresDatabase<TSchema>, 'app'> {
  return depends(
    async function* openDatabase() {
      const db = await openPostgres(options).catch((error: unknown) => {
        // Wrapped so that dbExceptionHandlers classify it: an unreachable server answers 503.
        throw new DrizzleError({ message: 'Could not open the database', cause: error })
      })
      try {
        yield db
      } finally {
        await db.$client.end()
      }
    },
    { scope: 'app', name: options.name ?? 'postgres' },
  )
}

/**
 * {@link dbExceptionHandlers} plus node-postgres' `DatabaseError`, which
 * `db.$client.query()` and transactions' own statements throw unwrapped: a
 * unique or foreign-key violation answers `409`, a check or not-null one
 * `400`, a statement past `statementTimeout`, a deadlock or a serialization
 * failure `503` with `Retry-After`, never a `500` with SQL in it.
 *
 * @example
 * ```ts
 * const app = createApp({ routes, exceptionHandlers: postgresExceptionHandlers })
 * ```
 */
export const postgresExceptionHandlers: readonly ExceptionHandlerEntry[] = [
  ...dbExceptionHandlers,
  handleDbErrors(pg.DatabaseError),
]
