import type { StatusCode } from 'hono/utils/http-status'

const RESPONDED: unique symbol = Symbol.for('sluice.responded') as never

/** A response chosen explicitly by a handler: its status, body and headers, typed by the route. */
export interface Responded<S extends StatusCode = StatusCode, B = unknown> {
  readonly [RESPONDED]: true
  readonly status: S
  readonly body: B
  readonly headers: Readonly<Record<string, string>> | undefined
}

/**
 * Any value but a {@link respond} result: what a handler may return for a
 * default status that declares no schema, so `respond()` is still checked
 * against the declared statuses.
 */
export type Unchecked =
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing returns void
  | void
  | readonly unknown[]
  | (object & { readonly [RESPONDED]?: never })

/**
 * Answers with a status other than the route's default, or with headers. The body
 * is checked at compile time against the schema the route declares for `status`,
 * then validated and filtered like any other response.
 *
 * @example
 * ```ts
 * const created = await createTodo(db, user.id, body)
 * return respond(201, created, { location: `/todos/${created.id}` })
 * ```
 */
export function respond<const S extends StatusCode, const B = undefined>(
  status: S,
  body?: B,
  headers?: Record<string, string>,
): Responded<S, B> {
  return { [RESPONDED]: true, status, body: body as B, headers }
}

/** Whether a handler's result was made by {@link respond}. */
export function isResponded(value: unknown): value is Responded {
  return typeof value === 'object' && value !== null && RESPONDED in value
}
