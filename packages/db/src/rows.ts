import { eq, getTableColumns, type Table } from 'drizzle-orm'

/**
 * A drizzle database of any dialect, as far as these helpers use it. Each
 * dialect's builders have their own types; the row type comes from the table.
 */
export interface AnyDatabase {
  // biome-ignore lint/suspicious/noExplicitAny: every dialect's select builder
  select(): any
  // biome-ignore lint/suspicious/noExplicitAny: every dialect's update builder
  update(table: any): any
}

/** The table's single primary key column; a composite key is a programming error here. */
function primaryKey(table: Table) {
  const keys = Object.values(getTableColumns(table)).filter((column) => column.primary)
  if (keys.length !== 1 || !keys[0]) {
    throw new TypeError('findById and updateById need a table with a single-column primary key')
  }
  return keys[0]
}

/**
 * The row whose primary key is `id`, or `undefined` (SQLModel's `session.get(Model, id)`),
 * on every driver.
 *
 * @example
 * ```ts
 * const getNote = route.get('/notes/:id', { params, deps: { db } }, async ({ params, db }) => {
 *   const note = await findById(db, notes, params.id)
 *   if (!note) throw new HTTPException(404, 'Note not found')
 *   return note
 * })
 * ```
 */
export async function findById<T extends Table>(
  db: AnyDatabase,
  table: T,
  id: string | number,
): Promise<T['$inferSelect'] | undefined> {
  const rows = await db
    .select()
    .from(table)
    .where(eq(primaryKey(table), id))
    .limit(1)
  return rows[0]
}

/**
 * Sets `values` on the row whose primary key is `id` and returns the row as it
 * now is, or `undefined` when there is none. Fields set to `undefined` (a
 * validated body's absent optional fields) are left alone, and `values` without a defined field
 * (a `PATCH {}`) change nothing and give the row as it is, where drizzle's
 * `update().set({})` throws "No values to set" (a 500 in every handler that
 * forgot to check).
 *
 * @example
 * ```ts
 * const patchNote = route.patch('/notes/:id', { params, body: NoteUpdate, deps: { db } }, async ({ params, body, db }) => {
 *   const note = await updateById(db, notes, params.id, body) // {} → the note unchanged
 *   if (!note) throw new HTTPException(404, 'Note not found')
 *   return note
 * })
 * ```
 */
export async function updateById<T extends Table>(
  db: AnyDatabase,
  table: T,
  id: string | number,
  values: { [K in keyof T['$inferInsert']]?: T['$inferInsert'][K] | undefined },
): Promise<T['$inferSelect'] | undefined> {
  const changes = Object.entries(values).filter(([, value]) => value !== undefined)
  if (changes.length === 0) return findById(db, table, id)
  const rows = await db
    .update(table)
    .set(Object.fromEntries(changes))
    .where(eq(primaryKey(table), id))
    .returning()
  return rows[0]
}
