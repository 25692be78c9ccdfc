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

/** An offset as Python prints it: `+HH:MM`, UTC as `+00:00`. */
function pythonOffset(offset: string): string {
  if (offset.toUpperCase() === 'Z') return '+00:00'
  const digits = offset.replace(':', '')
  return `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`
}

/**
 * A timestamp read from the database (`2018-12-22 14:05:00.671234+00`) as
 * Python's `datetime.isoformat()` writes it, so as FastAPI answers it:
 * `2018-12-22T14:05:00.671234+00:00`, microseconds always six digits, none when
 * zero, no offset for a timestamp without a time zone. Nothing is lost: the
 * text keeps every digit the database stored, where a JavaScript `Date` keeps
 * milliseconds only (and no offset, and no distinction between a naive and an
 * aware timestamp).
 *
 * @example
 * ```ts
 * isoformat('2018-12-22 14:05:00.67+00') // '2018-12-22T14:05:00.670000+00:00'
 * ```
 */
export function isoformat(text: string): string {
  const { date, time, micros, offset } = parts(text)
  const fraction = micros === '000000' ? '' : `.${micros}`
  return `${date}T${time}${fraction}${offset ? pythonOffset(offset) : ''}`
}

/**
 * A timestamp as SQLAlchemy stores one in SQLite (`2018-12-22 14:05:00.671234`,
 * in UTC when it had an offset, which SQLite's `DateTime` drops).
 */
function sqlAlchemyText(value: string): string {
  const { date, time, micros, offset } = parts(value)
  if (!offset) return `${date} ${time}.${micros}`
  const utc = new Date(`${date}T${time}${pythonOffset(offset)}`).toISOString()
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}.${micros}`
}

/**
 * A SQLite column holding a timestamp as text the way SQLAlchemy (SQLModel's
 * `datetime`) stores it, read as {@link isoformat}'s string with every
 * microsecond kept. Write an ISO 8601 string (`new Date().toISOString()`, or
 * one with microseconds); it is stored in SQLAlchemy's form, so an app still on
 * SQLAlchemy reads the same rows.
 *
 * @example
 * ```ts
 * export const items = sqliteTable('item', {
 *   createdAt: sqliteTimestamp('created_at').notNull().$defaultFn(() => new Date().toISOString()),
 * })
 * ```
 */
export const sqliteTimestamp = customType<{ data: string; driverData: string }>({
  dataType: () => 'datetime',
  toDriver: sqlAlchemyText,
  fromDriver: isoformat,
})
