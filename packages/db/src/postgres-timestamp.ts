import { customType } from 'drizzle-orm/pg-core'
import { pydanticDatetime } from './timestamps'

/** Options of {@link pgTimestamp}. */
export interface PgTimestampConfig {
  /** `timestamp with time zone` (FastAPI's `DateTime(timezone=True)`). Default `false`. */
  readonly withTimezone?: boolean
}

/**
 * A PostgreSQL `timestamp` column read as text with every microsecond the
 * database stored, in the form FastAPI answers it
 * (`2018-12-22T14:05:00.671234Z`, see `pydanticDatetime`), where drizzle's
 * `timestamp()` in `mode: 'date'` gives a `Date`, which keeps milliseconds
 * only. Write an ISO 8601 string; PostgreSQL parses it.
 *
 * @example
 * ```ts
 * export const items = pgTable('item', {
 *   createdAt: pgTimestamp('created_at', { withTimezone: true }).notNull().$defaultFn(() => new Date().toISOString()),
 * })
 * ```
 */
export const pgTimestamp = customType<{
  data: string
  driverData: string
  config: PgTimestampConfig
}>({
  dataType: (config) => `timestamp(6) ${config?.withTimezone ? 'with' : 'without'} time zone`,
  fromDriver: pydanticDatetime,
})
