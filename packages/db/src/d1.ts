import { type Dependency, depends, type ExceptionHandlerEntry } from '@sluice/core'
import { type AnyD1Database, type DrizzleD1Database, drizzle } from 'drizzle-orm/d1'
import { handleDbErrors } from './errors'

export { applyD1Migrations, type D1Migration } from './d1-migrations'

/** A drizzle database over a Cloudflare D1 binding, the binding at `$client`. */
export type D1Database<TSchema extends Record<string, unknown> = Record<string, never>> =
  DrizzleD1Database<TSchema> & { $client: AnyD1Database }

/** Options of {@link openD1} and {@link d1}. */
export interface D1Options<TSchema extends Record<string, unknown> = Record<string, never>> {
  /** The drizzle schema (`import * as schema from './schema'`), for `db.query.*`. */
  readonly schema?: TSchema
  /** Logs every query (drizzle's `logger` option). */
  readonly logger?: boolean
}

/**
 * A drizzle database over a D1 binding. Cheap: it opens no connection, so a
 * script or a test can call it wherever it holds the binding.
 *
 * @example
 * ```ts
 * export default {
 *   async scheduled(_event: ScheduledController, env: { DB: D1Database }) {
 *     const db = openD1(env.DB, { schema })
 *     await db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, new Date()))
 *   },
 * }
 * ```
 */
export function openD1<TSchema extends Record<string, unknown> = Record<string, never>>(
  binding: AnyD1Database,
  options: D1Options<TSchema> = {},
): D1Database<TSchema> {
  return drizzle(binding, {
    ...(options.schema && { schema: options.schema }),
    ...(options.logger && { logger: true }),
  })
}

/**
 * A dependency yielding a drizzle database over the D1 binding named `binding`
 * in the request's `env` (`c.env`, what Workers pass to `fetch`). It is
 * request-scoped because Workers hand the bindings to each request, not to the
 * module, and an app-scoped factory sees no request; wrapping a binding costs a
 * few microseconds and opens no connection. (The other way, which the todo
 * app's `worker.ts` takes: build the app at the first request, from its `env`,
 * and call {@link openD1} there: an isolate's bindings do not change.)
 *
 * Tests pass the bindings as `app.request`'s third argument, or replace the
 * dependency with `app.override(db, () => openD1(binding, { schema }))`.
 *
 * @example
 * ```ts
 * // src/db.ts — wrangler.jsonc: "d1_databases": [{ "binding": "DB", "database_name": "app", … }]
 * export const db = d1('DB', { schema })
 *
 * const listNotes = route.get('/notes', { deps: { db } }, ({ db }) => db.select().from(schema.notes).all())
 *
 * export default createApp({ routes: [listNotes], exceptionHandlers: d1ExceptionHandlers }) // the Worker
 * ```
 */
export function d1<TSchema extends Record<string, unknown> = Record<string, never>>(
  binding: string,
  options: D1Options<TSchema> = {},
): Dependency<D1Database<TSchema>, 'request'> {
  return depends(
    function d1Database(_, { c }) {
      const client: AnyD1Database | undefined = c.env?.[binding]
      if (!client) throw new TypeError(`No D1 binding "${binding}" in the request's env`)
      return openD1(client, options)
    },
    { name: `d1 ${binding}` },
  )
}

/**
 * Answers D1's database errors whether drizzle wrapped them (awaited queries)
 * or not (`db.batch([...])` and the binding's own statements throw plain
 * `Error`s whose message names the failed constraint: `D1_ERROR: UNIQUE
 * constraint failed: …`): a unique or foreign-key violation answers `409`, a
 * check or not-null one `400`, never a `500` with SQL in it. Any other error
 * stays an unexpected error, a logged `500`. Because D1 throws plain `Error`s,
 * this is a handler for `Error` (drizzle's errors are subclasses), so an app's
 * own catch-all `handle(Error, …)` listed after it is not reached.
 *
 * @example
 * ```ts
 * export default createApp({ routes, exceptionHandlers: d1ExceptionHandlers })
 * ```
 */
export const d1ExceptionHandlers: readonly ExceptionHandlerEntry[] = [handleDbErrors(Error)]
