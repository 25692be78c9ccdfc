import { type Dependency, depends, RequestValidationError } from '@sluice/core'
import { asc, type Column, desc, gt, lt, type SQL } from 'drizzle-orm'
import { decodeBase64Url, encodeBase64Url } from 'hono/utils/encode'
import * as v from 'valibot'

/** Options of {@link offsetPagination} and {@link cursorPagination}. */
export interface PaginationOptions {
  /** Page size when the client sends no `limit`. Default 20. */
  readonly defaultLimit?: number
  /** Largest `limit` a client may ask for. Default 100. */
  readonly maxLimit?: number
}

/** Options of {@link offsetPagination}. */
export interface OffsetPaginationOptions extends PaginationOptions {
  /** The query parameter the offset is read from, e.g. `'skip'` as FastAPI apps name it. Default `'offset'`. */
  readonly offsetParam?: string
}

/** What {@link offsetPagination} provides: the validated `limit` and `offset` query parameters. */
export interface OffsetPageInput {
  readonly limit: number
  readonly offset: number
}

/** One page of a limit/offset listing, with the total number of matching rows. */
export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

/** What {@link cursorPagination} provides: the page size and the decoded `cursor` (the last key already seen). */
export interface CursorPageInput {
  readonly limit: number
  readonly after: string | number | undefined
}

/** One page of a keyset listing; `nextCursor` is `null` on the last page. */
export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

function limitSchema({ defaultLimit = 20, maxLimit = 100 }: PaginationOptions) {
  return v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxLimit)),
    defaultLimit,
  )
}

/**
 * A dependency reading `?limit=&offset=` (validated: `1 ≤ limit ≤ maxLimit`,
 * `offset ≥ 0`), so the parameters appear in every route's OpenAPI operation
 * that uses it. Pass its value to {@link paginate}.
 *
 * @example
 * ```ts
 * const page = offsetPagination({ defaultLimit: 20, maxLimit: 100 })
 *
 * route.get('/notes', { deps: { db, page } }, ({ db, page }) =>
 *   paginate(db.select().from(notes).orderBy(notes.id), db.$count(notes), page),
 * )
 *
 * // FastAPI's template: ?skip=&limit= in, { data, count } out.
 * const skip = offsetPagination({ offsetParam: 'skip' })
 * route.get('/items', { deps: { db, skip } }, async ({ db, skip }) => {
 *   const { items, total } = await paginate(db.select().from(items).orderBy(items.id), db.$count(items), skip)
 *   return { data: items, count: total }
 * })
 * ```
 */
export function offsetPagination(
  options: OffsetPaginationOptions = {},
): Dependency<OffsetPageInput, 'request'> {
  const offsetParam = options.offsetParam ?? 'offset'
  const query = v.object({
    limit: limitSchema(options),
    [offsetParam]: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  })
  return depends(
    { query },
    ({ query }) => ({ limit: query.limit as number, offset: query[offsetParam] as number }),
    { name: 'offsetPagination' },
  )
}

/** A query that can be limited then offset, such as a drizzle select with an `orderBy`. */
export interface OffsetQuery<T> {
  limit(limit: number): { offset(offset: number): PromiseLike<T[]> }
}

/**
 * Runs a limit/offset page of `query` and counts the rows that match. Give the
 * query an `orderBy` on a unique column, or pages may overlap.
 *
 * @example
 * ```ts
 * const mine = eq(notes.userId, user.id)
 * const page = await paginate(
 *   db.select().from(notes).where(mine).orderBy(notes.id),
 *   db.$count(notes, mine),
 *   { limit: 20, offset: 40 },
 * )
 * ```
 */
export async function paginate<T>(
  query: OffsetQuery<T>,
  total: number | PromiseLike<number>,
  page: OffsetPageInput,
): Promise<Page<T>> {
  const [items, count] = await Promise.all([query.limit(page.limit).offset(page.offset), total])
  return { items, total: count, limit: page.limit, offset: page.offset }
}

/**
 * A dependency reading `?limit=&cursor=`: the page size and the opaque cursor
 * a previous {@link paginateByCursor} page returned as `nextCursor`. A cursor
 * that was not made by Sluice is a `422` on `query.cursor`.
 *
 * @example
 * ```ts
 * const page = cursorPagination({ maxLimit: 500 })
 *
 * route.get('/events', { deps: { db, page } }, ({ db, page }) =>
 *   paginateByCursor((after) => db.select().from(events).where(after).$dynamic(), events.id, (event) => event.id, page),
 * )
 * ```
 */
export function cursorPagination(
  options: PaginationOptions = {},
): Dependency<CursorPageInput, 'request'> {
  const query = v.object({ limit: limitSchema(options), cursor: v.optional(v.string()) })
  return depends(
    { query },
    ({ query }) => ({
      limit: query.limit,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    }),
    { name: 'cursorPagination' },
  )
}

/** A query whose filter the caller builds from the keyset condition, ordered and limited here. */
export interface KeysetQuery<T> {
  orderBy(...columns: SQL[]): { limit(limit: number): PromiseLike<T[]> }
}

/**
 * Runs one keyset page: rows after the cursor in the order of `column`, which
 * must be unique (a primary key, or a unique sortable id); `keyOf` reads that
 * column's value from a row, to make the next cursor. Unlike offsets,
 * pages stay stable when rows are inserted between requests and stay fast on
 * large tables. `build` gets the keyset condition (`undefined` on the first
 * page) to combine with its own filter; `and()` ignores `undefined`.
 *
 * @example
 * ```ts
 * const page = await paginateByCursor(
 *   (after) => db.select().from(notes).where(and(eq(notes.userId, user.id), after)).$dynamic(),
 *   notes.id,
 *   (note) => note.id,
 *   { limit: 50, after: undefined },
 * )
 * // page.nextCursor → pass back as ?cursor= for the next page
 * ```
 */
export async function paginateByCursor<T>(
  build: (after: SQL | undefined) => KeysetQuery<T>,
  column: Column,
  keyOf: (row: T) => string | number,
  page: CursorPageInput,
  direction: 'asc' | 'desc' = 'asc',
): Promise<CursorPage<T>> {
  const after =
    page.after === undefined
      ? undefined
      : direction === 'asc'
        ? gt(column, page.after)
        : lt(column, page.after)
  const order = direction === 'asc' ? asc(column) : desc(column)
  // One row more than asked tells whether there is a next page.
  const rows = await build(after)
    .orderBy(order)
    .limit(page.limit + 1)
  const items = rows.slice(0, page.limit)
  const last = items.at(-1)
  const hasMore = rows.length > page.limit && last !== undefined
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(last)) : null }
}

const CursorValue = v.tuple([v.union([v.string(), v.number()])])

/** Cursors are opaque to clients: base64url JSON of the last key, so the key's type survives. */
function encodeCursor(value: string | number): string {
  return encodeBase64Url(new TextEncoder().encode(JSON.stringify([value])).buffer)
}

function decodeCursor(cursor: string): string | number {
  try {
    return v.parse(CursorValue, JSON.parse(new TextDecoder().decode(decodeBase64Url(cursor))))[0]
  } catch {
    throw new RequestValidationError([
      { loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'value_error', input: cursor },
    ])
  }
}
