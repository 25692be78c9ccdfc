import { customType } from 'drizzle-orm/sqlite-core'

/**
 * A SQLite column holding a UUID as SQLAlchemy's `Uuid` (SQLModel's `uuid.UUID`)
 * stores one there: 32 hex digits, no hyphens. Read and written as the
 * hyphenated form (what `uuid()` from `@sluice/core` hands a handler, and what
 * FastAPI answers), so lookups by an id from a request match.
 *
 * @example
 * ```ts
 * export const items = sqliteTable('item', {
 *   id: sqliteUuid('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
 * })
 * ```
 */
export const sqliteUuid = customType<{ data: string; driverData: string }>({
  dataType: () => 'char(32)',
  toDriver: (value) => value.replaceAll('-', '').toLowerCase(),
  fromDriver: (hex) =>
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
})
