/** A pragma's value; `false` leaves a default pragma unset. */
export type PragmaValue = string | number | boolean

/**
 * The pragmas every connection gets unless overridden: WAL so readers never
 * block the writer, foreign keys enforced, a wait instead of `database is
 * locked` when another process writes, and `synchronous = NORMAL`, which in WAL
 * mode never loses a committed transaction to a process crash (only, at worst,
 * the last ones to a power loss) and is much faster than `FULL`.
 *
 * @example
 * ```ts
 * openSqlite({ url: 'data/app.db', pragmas: { ...DEFAULT_PRAGMAS, synchronous: 'FULL' } })
 * ```
 */
export const DEFAULT_PRAGMAS: Readonly<Record<string, PragmaValue>> = {
  journal_mode: 'WAL',
  foreign_keys: 'ON',
  busy_timeout: 5000,
  synchronous: 'NORMAL',
}
