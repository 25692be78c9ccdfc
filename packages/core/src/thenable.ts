/**
 * Whether a value can be awaited. Handlers and factories may return any
 * thenable, not only a `Promise`: drizzle's query builders, for one, run when
 * awaited, so `({ db }) => db.select().from(todos)` answers with the rows.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  )
}
