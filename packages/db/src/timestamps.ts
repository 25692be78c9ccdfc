import { customType } from 'drizzle-orm/sqlite-core'

/** A timestamp as PostgreSQL and SQLAlchemy write it as text, and as ISO 8601 writes it. */
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6})\d*)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i

function parts(text: string) {
  const match = TIMESTAMP.exec(text)
  if (!match) throw new TypeError(`Not a timestamp: ${JSON.stringify(text)}`)
  const [, date, time, fraction = '', offset] = match
  return { date: date!, time: time!, micros: fraction.padEnd(6, '0'), offset }
}

/** An offset as Pydantic writes it: UTC as `Z`, others as `+HH:MM`. */
function pydanticOffset(offset: string): string {
  const digits = offset.toUpperCase() === 'Z' ? '+00' : offset.replace(':', '')
  const hhmm = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`
  return hhmm === '+00:00' || hhmm === '-00:00' ? 'Z' : hhmm
}

/**
 * A timestamp read from the database (`2018-12-22 14:05:00.671234+00`) as
 * Pydantic 2 writes a `datetime` in JSON, so as FastAPI answers it:
 * `2018-12-22T14:05:00.671234Z`, microseconds always six digits (none when
 * zero), UTC as `Z`, another offset as `+01:00`, none for a timestamp without
 * a time zone. Nothing is lost: the text keeps every digit the database
 * stored, where a JavaScript `Date` keeps milliseconds only (and no offset,
 * and no difference between a naive and an aware timestamp).
 *
 * @example
 * ```ts
 * pydanticDatetime('2018-12-22 14:05:00.67+00') // '2018-12-22T14:05:00.670000Z'
 * ```
 */
export function pydanticDatetime(text: string): string {
  const { date, time, micros, offset } = parts(text)
  const fraction = micros === '000000' ? '' : `.${micros}`
  return `${date}T${time}${fraction}${offset ? pydanticOffset(offset) : ''}`
}

/**
 * A timestamp as SQLAlchemy stores one in SQLite (`2018-12-22 14:05:00.671234`,
 * in UTC when it had an offset, which SQLite's `DateTime` drops).
 */
function sqlAlchemyText(value: string): string {
  const { date, time, micros, offset } = parts(value)
  if (!offset) return `${date} ${time}.${micros}`
  const utc = new Date(`${date}T${time}${pydanticOffset(offset)}`).toISOString()
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}.${micros}`
}

/** Options of {@link sqliteTimestamp}. */
export interface SqliteTimestampConfig {
  /**
   * The stored text is UTC, answered with `Z`: SQLModel's `datetime` (its `UTCDateTime` type).
   * `false` for a naive timestamp (`NaiveDatetime`, or SQLAlchemy's plain `DateTime`). Default `true`.
   */
  readonly utc?: boolean
}

/**
 * A SQLite column holding a timestamp as text the way SQLAlchemy (SQLModel's
 * `datetime`) stores it, `2018-12-22 14:05:00.671234` in UTC, read as
 * {@link pydanticDatetime}'s string with every microsecond kept
 * (`2018-12-22T14:05:00.671234Z`). Write an ISO 8601 string
 * (`new Date().toISOString()`, or one with microseconds); it is stored in
 * SQLAlchemy's form, so an app still on SQLModel reads the same rows.
 *
 * @example
 * ```ts
 * export const items = sqliteTable('item', {
 *   createdAt: sqliteTimestamp('created_at').notNull().$defaultFn(() => new Date().toISOString()),
 * })
 * ```
 */
export function sqliteTimestamp<TName extends string>(
  name: TName,
  config: SqliteTimestampConfig = {},
) {
  return config.utc === false ? naiveTimestamp(name) : utcTimestamp(name)
}

const utcTimestamp = customType<{ data: string; driverData: string }>({
  dataType: () => 'datetime',
  toDriver: sqlAlchemyText,
  fromDriver: (text) => pydanticDatetime(`${text}Z`),
})

const naiveTimestamp = customType<{ data: string; driverData: string }>({
  dataType: () => 'datetime',
  toDriver: sqlAlchemyText,
  fromDriver: pydanticDatetime,
})
