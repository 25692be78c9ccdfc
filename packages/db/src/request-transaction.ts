import { type Dependency, depends } from '@sluice/core'

/** A database whose transactions run an async callback: PostgreSQL, libSQL. */
export interface AsyncTransactional {
  // biome-ignore lint/suspicious/noExplicitAny: each driver's transaction type
  transaction(work: (tx: any) => Promise<unknown>, ...config: any[]): unknown
}

/** The transaction object a database's `transaction()` hands its callback. */
export type TransactionOf<D> = D extends {
  transaction(work: (tx: infer T) => Promise<unknown>, ...config: never[]): unknown
}
  ? T
  : never

/**
 * A dependency giving each request one transaction (SQLModel's per-request
 * `Session` with its commit): committed after the handler returns and before
 * the response is sent (so a failed commit answers, and a client that reads the
 * answer finds the rows), rolled back when the handler or a later dependency
 * raises, whose error then answers as usual.
 *
 * For databases whose transactions take an async callback (`@sluice/db/postgres`,
 * `@sluice/db/libsql`). better-sqlite3 runs one synchronous transaction at a time
 * on the app's one connection, so it cannot hold one open across a request's
 * awaits: that is a `TypeError` at the first request; use `transaction()` there.
 * The transaction holds a pooled connection for the whole request: keep slow
 * work (password hashing, calls to other services) out of routes that take it.
 *
 * @example
 * ```ts
 * const tx = requestTransaction(db)
 * const signUp = route.post('/signup', { body: SignUp, deps: { tx } }, async ({ body, tx }) => {
 *   const [user] = await tx.insert(users).values(body).returning()
 *   await tx.insert(notes).values({ userId: user.id, title: 'Welcome' })
 *   return user // committed before the 200 is sent; an exception above keeps nothing
 * })
 * ```
 */
export function requestTransaction<D extends AsyncTransactional>(
  db: Dependency<D>,
): Dependency<TransactionOf<D>, 'function'> {
  return depends(
    { db },
    async function* ({ db }) {
      let finish!: (error?: { cause: unknown }) => void
      const settled = new Promise<void>((resolve, reject) => {
        finish = (error) => (error ? reject(error) : resolve())
      })
      let opened!: (tx: TransactionOf<D>) => void
      const ready = new Promise<TransactionOf<D>>((resolve) => {
        opened = resolve
      })
      const outcome = beginAsync(db, async (tx: TransactionOf<D>) => {
        opened(tx)
        await settled // the transaction stays open until the request is done with it
      })
      const tx = await Promise.race([ready, outcome.then(() => ready)])
      try {
        yield tx
      } catch (error) {
        finish({ cause: error }) // drizzle rolls back when the callback rejects
        await outcome.catch(() => undefined)
        throw error
      }
      finish()
      await outcome // the commit; its failure answers the request
    },
    { scope: 'function', name: 'requestTransaction' },
  ) as Dependency<TransactionOf<D>, 'function'>
}

/** Starts an async transaction, or says why this database cannot hold one open (better-sqlite3 throws at once). */
function beginAsync<T>(db: AsyncTransactional, work: (tx: T) => Promise<void>): Promise<unknown> {
  let outcome: unknown
  try {
    outcome = db.transaction(work)
  } catch (error) {
    outcome = error
  }
  if (outcome instanceof Promise) return outcome
  throw new TypeError(
    'requestTransaction needs a database with async transactions: better-sqlite3 is synchronous, use transaction() from @sluice/db',
    { cause: outcome },
  )
}
