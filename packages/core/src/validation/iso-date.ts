import * as v from 'valibot'

/** Days in each month of a common year; February gains one in leap years. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The proleptic Gregorian calendar's leap years, as ISO 8601 and Python's `date` count them. */
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Whether the `YYYY-MM-DD` at the start of `text` names a day that exists.
 * The format was checked first, so month and day are in 01–12 and 01–31.
 */
function isCalendarDay(text: string): boolean {
  const year = Number(text.slice(0, 4))
  const month = Number(text.slice(5, 7))
  const day = Number(text.slice(8, 10))
  const days = month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number)
  return day <= days
}

/**
 * A valibot ISO action whose check also asks the calendar. It keeps the
 * action's `type` and `requirement`, so the JSON Schema converter writes the
 * same `format` and errors read as the plain action's would.
 */
function onTheCalendar<
  TAction extends
    | v.IsoDateAction<string, v.ErrorMessage<v.IsoDateIssue<string>> | undefined>
    | v.IsoTimestampAction<string, v.ErrorMessage<v.IsoTimestampIssue<string>> | undefined>,
>(action: TAction): TAction {
  const { requirement } = action
  return {
    ...action,
    '~run'(dataset, config) {
      if (dataset.typed && !(requirement.test(dataset.value) && isCalendarDay(dataset.value))) {
        // The issue is the action's own (its type, message and expectation); only the check differs.
        v._addIssue(action as v.IsoDateAction<string, undefined>, 'date', dataset, config)
      }
      return dataset
    },
  }
}

/**
 * A date as `YYYY-MM-DD` that exists on the calendar: `2028-02-29` passes,
 * `2030-02-29` and `2030-02-31` fail like a malformed date, where valibot's
 * `isoDate` checks the digits only. The value stays a string; the OpenAPI
 * schema is `{"type":"string","format":"date"}`.
 *
 * @example
 * ```ts
 * const Todo = v.object({ title: v.string(), due_date: v.nullable(isoDate()) })
 * v.parse(Todo, { title: 'Pay rent', due_date: '2030-02-31' }) // throws: no such day
 * ```
 */
export function isoDate(message?: v.ErrorMessage<v.IsoDateIssue<string>>) {
  return v.pipe(v.string(), onTheCalendar(v.isoDate(message)))
}

/**
 * A date and time as ISO 8601 / RFC 3339 with seconds and an offset
 * (`2030-01-31T09:30:00Z`, `2030-01-31T09:30:00.250+02:00`) whose day exists on
 * the calendar. The value stays a string; the OpenAPI schema is
 * `{"type":"string","format":"date-time"}`.
 *
 * @example
 * ```ts
 * const Event = v.object({ starts_at: isoDateTime('Expected a timestamp such as 2030-01-31T09:30:00Z') })
 * v.parse(Event, { starts_at: '2030-04-31T09:30:00Z' }) // throws: April has 30 days
 * ```
 */
export function isoDateTime(message?: v.ErrorMessage<v.IsoTimestampIssue<string>>) {
  return v.pipe(v.string(), onTheCalendar(v.isoTimestamp(message)))
}
