import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { BaseSQLiteDatabase, SQLiteTransaction } from 'drizzle-orm/sqlite-core'

/** How a SQLite transaction begins; `immediate` takes the write lock at once. */
export type TransactionBehavior = 'deferred' | 'immediate' | 'exclusive'

type SyncDatabase<TSchema extends Record<string, unknown>> = BaseSQLiteDatabase<
  'sync',
  unknown,
  TSchema
>
type SyncTransaction<TSchema extends Record<string, unknown>> = SQLiteTransaction<
  'sync',
  unknown,
  TSchema,
  ExtractTablesWithRelations<TSchema>
>

/** A value that is not a promise: what a synchronous transaction may return. */
export type NotPromise<T> = T extends PromiseLike<unknown> ? never : T

/**
 * Runs `work` in one transaction on a synchronous driver (better-sqlite3):
 * committed when it returns, rolled back when it throws — any error, an
 * `HTTPException` included, which then answers the request as usual.
 *
 * better-sqlite3 is synchronous and an app shares one connection, so a
 * transaction must not span an `await`: other requests' statements would run
 * inside it. `work` is therefore synchronous (a `Promise` result is rejected
 * by the type and, at run time, by better-sqlite3 after rolling back). Do the
 * slow work (hashing, fetches) before, then write in one quick call. The
 * transaction begins `IMMEDIATE` by default, so a second process waits for the
 * write lock (`busy_timeout`) instead of failing halfway with `SQLITE_BUSY`.
 *
 * @example
 * ```ts
 * const transfer = route.post('/transfers', { body: Transfer, deps: { db } }, ({ body, db }) =>
 *   transaction(db, (tx) => {
 *     tx.update(accounts).set({ balance: sql`balance - ${body.amount}` }).where(eq(accounts.id, body.from)).run()
 *     const to = tx.update(accounts).set({ balance: sql`balance + ${body.amount}` }).where(eq(accounts.id, body.to)).run()
 *     if (to.changes === 0) throw new HTTPException(404, 'Account not found') // rolls the debit back
 *     return { ok: true }
 *   }),
 * )
 * ```
 */
export function transaction<TSchema extends Record<string, unknown>, T>(
  db: SyncDatabase<TSchema>,
  work: (tx: SyncTransaction<TSchema>) => NotPromise<T>,
  behavior: TransactionBehavior = 'immediate',
): T {
  return db.transaction(work, { behavior })
}
