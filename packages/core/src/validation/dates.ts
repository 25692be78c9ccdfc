/**
 * Dates as Pydantic 2 reads them from strings (through the speedate parser):
 * `YYYY-MM-DD`, optionally followed by `T`, `t`, `_` or a space and a time with
 * an optional offset, or a Unix timestamp in seconds (milliseconds beyond 2·10^10).
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt_ ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/
const TIMESTAMP = /^-?\d+(?:\.\d+)?$/
const MILLISECONDS_FROM = 2e10

/**
 * A `Date` from its string form by Pydantic's grammar, or undefined. A time
 * without an offset is read as UTC (Pydantic keeps it naive; a JS `Date` cannot).
 *
 * @example
 * ```ts
 * parseDateTime('2024-01-01T10:00:00') // 2024-01-01T10:00:00.000Z
 * parseDateTime('1700000000') // 2023-11-14T22:13:20.000Z
 * parseDateTime('2024/01/01') // undefined
 * ```
 */
export function parseDateTime(text: string): Date | undefined {
  if (TIMESTAMP.test(text)) {
    const number = Number(text)
    return new Date(Math.abs(number) > MILLISECONDS_FROM ? number : number * 1000)
  }
  const match = DATE_TIME.exec(text)
  if (!match || dateProblem(text) !== undefined) return undefined
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', offset] =
    match
  const zone = offset === undefined || offset.toUpperCase() === 'Z' ? 'Z' : offset
  const date = new Date(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zone}`,
  )
  return Number.isNaN(date.getTime()) ? undefined : date
}

const isDigit = (text: string, from: number, to: number) => /^\d+$/.test(text.slice(from, to))

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * Why the date at the start of a string is not a valid `YYYY-MM-DD`, in speedate's
 * words (`input is too short`, `month value is outside expected range of 1-12`…),
 * or undefined when it is.
 */
export function dateProblem(text: string): string | undefined {
  if (text.length < 10) return 'input is too short'
  if (!isDigit(text, 0, 4)) return 'invalid character in year'
  if (text[4] !== '-') return 'invalid date separator, expected `-`'
  if (!isDigit(text, 5, 7)) return 'invalid character in month'
  if (text[7] !== '-') return 'invalid date separator, expected `-`'
  if (!isDigit(text, 8, 10)) return 'invalid character in day'
  const month = Number(text.slice(5, 7))
  if (month < 1 || month > 12) return 'month value is outside expected range of 1-12'
  const day = Number(text.slice(8, 10))
  if (day < 1 || day > daysIn(Number(text.slice(0, 4)), month)) {
    return 'day value is outside expected range'
  }
  return undefined
}

/**
 * Why a string is not a date (or, with `time`, a datetime), as Pydantic says it:
 * the date's problem, else the time's, else what follows.
 *
 * @example
 * ```ts
 * dateTimeProblem('2024-13-01', false) // 'month value is outside expected range of 1-12'
 * ```
 */
export function dateTimeProblem(text: string, time: boolean): string {
  const problem = dateProblem(text)
  if (problem) return problem
  const separator = text.charAt(10)
  if (separator === '' || !'Tt_ '.includes(separator)) {
    return time || separator === ''
      ? 'unexpected extra characters at the end of the input'
      : 'invalid datetime separator, expected `T`, `t`, `_` or space'
  }
  return timeProblem(text.slice(11)) ?? 'unexpected extra characters at the end of the input'
}

function timeProblem(time: string): string | undefined {
  if (time.length < 5) return 'input is too short'
  if (!isDigit(time, 0, 2)) return 'invalid character in hour'
  if (time[2] !== ':') return 'invalid time separator, expected `:`'
  if (!isDigit(time, 3, 5)) return 'invalid character in minute'
  if (Number(time.slice(0, 2)) > 23) return 'hour value is outside expected range of 0-23'
  if (Number(time.slice(3, 5)) > 59) return 'minute value is outside expected range of 0-59'
  return undefined
}
