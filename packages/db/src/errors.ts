import { type ExceptionHandlerEntry, HTTPException, handle } from '@sluice/core'
import { DrizzleError, DrizzleQueryError } from 'drizzle-orm/errors'

/** What went wrong in the database, as far as a client may know. */
export type DbErrorKind =
  | 'unique'
  | 'foreign_key'
  | 'check'
  | 'not_null'
  | 'encoding'
  | 'busy'
  | 'unavailable'

/**
 * Error codes of the drivers Sluice supports, and of those it will: SQLite's
 * extended result codes (better-sqlite3's `code`, libSQL's `extendedCode`) and
 * PostgreSQL's SQLSTATE.
 */
const KIND_BY_CODE: Readonly<Record<string, DbErrorKind>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_BUSY: 'busy',
  SQLITE_BUSY_SNAPSHOT: 'busy',
  SQLITE_BUSY_TIMEOUT: 'busy',
  SQLITE_LOCKED: 'busy',
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
  // Text the database's encoding cannot hold: PostgreSQL's text never holds U+0000 (22021), and a
  // non-UTF-8 database cannot hold every character (22P05). Valid input for the app, not a 500.
  '22021': 'encoding',
  '22P05': 'encoding',
  // Transient: a statement past `statement_timeout` (57014), a lock past `lock_timeout`,
  // a serialization failure or deadlock (the transaction may simply be retried), no free connection.
  '57014': 'busy',
  '55P03': 'busy',
  '40001': 'busy',
  '40P01': 'busy',
  '53300': 'busy',
  // Unavailable for now: the server refuses, drops or is starting/stopping connections.
  '57P01': 'busy',
  '57P03': 'busy',
  // libSQL: the client was closed (its database file gone, the app shutting down).
  CLIENT_CLOSED: 'unavailable',
}

/**
 * Network failures count as a busy database only as the cause of a failed
 * query (drizzle's wrapper): the same codes on an app's own `fetch` are not
 * the database's, even under a catch-all handler such as D1's.
 */
const NETWORK_CODES: ReadonlySet<unknown> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])

/** Drivers that report only a message (D1, node-postgres' pool) say what failed in it. */
const KIND_BY_MESSAGE: readonly (readonly [RegExp, DbErrorKind])[] = [
  [/UNIQUE constraint failed/, 'unique'],
  [/FOREIGN KEY constraint failed/, 'foreign_key'],
  [/CHECK constraint failed/, 'check'],
  [/NOT NULL constraint failed/, 'not_null'],
  [/database is locked/, 'busy'],
  // node-postgres: no pooled connection free (or none could be opened) within `connectionTimeoutMillis`.
  [/timeout exceeded when trying to connect/, 'busy'],
  // better-sqlite3: the connection was closed (its file deleted or replaced, the app shutting down).
  [/^The database connection is not open$/, 'unavailable'],
]

/** The answer to each kind: a status and a detail that names no table, column or SQL. */
const ANSWERS: Readonly<
  Record<DbErrorKind, readonly [409 | 400 | 503, string, Record<string, string>?]>
> = {
  unique: [409, 'A record with the same values already exists'],
  foreign_key: [409, 'The record refers to a record that does not exist, or is still referred to'],
  check: [400, 'A value is not allowed by a database constraint'],
  not_null: [400, 'A required value is missing'],
  encoding: [400, 'A text value contains a character the database cannot store'],
  busy: [503, 'The database is busy, retry shortly', { 'retry-after': '1' }],
  // Longer than busy: an instance whose connection is gone waits to be replaced or restarted.
  unavailable: [503, 'The database is unavailable, retry shortly', { 'retry-after': '5' }],
}

/**
 * Classifies a database error by the driver's error code or message, looking
 * through drizzle's `DrizzleQueryError` to the driver error in its `cause`.
 * Returns `undefined` for anything else (a bug, a syntax error…).
 *
 * @example
 * ```ts
 * try {
 *   db.insert(users).values({ email }).run()
 * } catch (error) {
 *   if (dbErrorKind(error) === 'unique') throw new HTTPException(409, 'Email already registered')
 *   throw error
 * }
 * ```
 */
export function dbErrorKind(error: unknown): DbErrorKind | undefined {
  let inQuery = false
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, extendedCode } = current as { code?: unknown; extendedCode?: unknown }
    for (const candidate of [extendedCode, code]) {
      const kind = typeof candidate === 'string' ? KIND_BY_CODE[candidate] : undefined
      if (kind) return kind
    }
    if (inQuery && NETWORK_CODES.has(code)) return 'busy'
    // drizzle's wrappers quote the SQL in their message; the driver error is their cause.
    if (current instanceof DrizzleQueryError || current instanceof DrizzleError) {
      inQuery = true
      continue
    }
    const byMessage = KIND_BY_MESSAGE.find(([pattern]) => pattern.test(current.message))
    if (byMessage) return byMessage[1]
  }
  return undefined
}

/**
 * An exception handler entry for a driver's error class: constraint violations
 * become `409` (unique, foreign key) or `400` (check, not null), a busy database
 * or a closed connection `503` with `Retry-After`, in the app's error format and without the SQL
 * message. Other errors go on to the app's handler for a more general class, if any, else
 * they stay unexpected errors: a logged, bare `500`.
 *
 * @example
 * ```ts
 * import { LibsqlError } from '@libsql/client'
 *
 * createApp({ routes, exceptionHandlers: [...dbExceptionHandlers, handleDbErrors(LibsqlError)] })
 * ```
 */
export function handleDbErrors(errorClass: Parameters<typeof handle>[0]): ExceptionHandlerEntry {
  return handle(errorClass, (error) => {
    const kind = dbErrorKind(error)
    if (!kind) throw error
    const [status, detail, headers] = ANSWERS[kind]
    throw new HTTPException(status, detail, headers)
  })
}

/**
 * Exception handlers for database errors raised through drizzle, whatever the
 * driver: `DrizzleQueryError` (awaited queries) and `DrizzleError` (`db.run(sql…)`). With better-sqlite3, use `sqliteExceptionHandlers` from
 * `@sluice/db/sqlite`, which adds the driver's own error class.
 *
 * @example
 * ```ts
 * const app = createApp({ routes, exceptionHandlers: dbExceptionHandlers })
 * // a duplicate email → 409 {"detail":"A record with the same values already exists"}
 * ```
 */
export const dbExceptionHandlers: readonly ExceptionHandlerEntry[] = [
  handleDbErrors(DrizzleQueryError),
  handleDbErrors(DrizzleError),
  // better-sqlite3 throws a plain TypeError for a query on a closed connection, which neither
  // drizzle's synchronous path nor a prepared query wraps; any other TypeError goes on to the
  // app's handlers (a 500 by default).
  handleDbErrors(TypeError),
]
