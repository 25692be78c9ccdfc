import * as v from 'valibot'
import {
  compareDecimals,
  type DecimalValue,
  decimalNumber,
  decimalOfNumber,
  decimalString,
  digitCounts,
  isMultipleOf,
  parseDecimal,
} from './decimal-value'
import type { PydanticError } from './pydantic-errors'

/** Pydantic's `condecimal()` constraints; bounds as numbers or as decimal text (`'0.01'`). */
export interface DecimalConstraints {
  /** Digits in total, once trailing zeros are dropped (`max_digits`). */
  readonly maxDigits?: number
  /** Digits after the point, once trailing zeros are dropped (`decimal_places`). */
  readonly decimalPlaces?: number
  readonly gt?: number | string
  readonly ge?: number | string
  readonly lt?: number | string
  readonly le?: number | string
  readonly multipleOf?: number | string
}

/** A failed decimal: the issue carries Pydantic's error as its requirement. */
export interface DecimalIssue extends v.BaseIssue<unknown> {
  readonly kind: 'schema'
  readonly type: 'decimal'
  readonly expected: 'decimal'
  readonly requirement: PydanticError
}

/** The schema {@link decimal} returns: a number or decimal text in, Python's `str(Decimal)` out. */
export interface DecimalSchema extends v.BaseSchema<number | string, string, DecimalIssue> {
  readonly type: 'decimal'
  readonly reference: typeof decimal
  readonly expects: 'decimal'
  readonly constraints: DecimalConstraints
  readonly message: v.ErrorMessage<DecimalIssue> | undefined
}

type Bound = { readonly key: string; readonly value: DecimalValue; readonly text: string }
type Check = (value: DecimalValue) => PydanticError | undefined

const plural = (count: number) => (count === 1 ? '' : 's')

function boundOf(key: string, given: number | string): Bound {
  const value = typeof given === 'number' ? decimalOfNumber(given) : parseDecimal(given)
  if (typeof value === 'string') throw new TypeError(`decimal(): ${key} is not a finite decimal`)
  return { key, value, text: decimalString(value) }
}

const BOUNDS = [
  ['le', 'less_than_equal', 'less than or equal to', (order: number) => order <= 0],
  ['lt', 'less_than', 'less than', (order: number) => order < 0],
  ['ge', 'greater_than_equal', 'greater than or equal to', (order: number) => order >= 0],
  ['gt', 'greater_than', 'greater than', (order: number) => order > 0],
] as const

/** The checks of the constraints, in the order pydantic-core runs them; the first failure is the answer. */
function checksOf(constraints: DecimalConstraints): Check[] {
  const checks: Check[] = []
  const { maxDigits, decimalPlaces } = constraints
  if (maxDigits !== undefined || decimalPlaces !== undefined) {
    checks.push((value) => digitsError(value, maxDigits, decimalPlaces))
  }
  if (constraints.multipleOf !== undefined) {
    const step = boundOf('multiple_of', constraints.multipleOf)
    if (/^0+$/.test(step.value.coefficient)) throw new TypeError('decimal(): multipleOf is 0')
    checks.push((value) =>
      isMultipleOf(value, step.value)
        ? undefined
        : ctxError('multiple_of', `Input should be a multiple of ${step.text}`, step),
    )
  }
  for (const [key, type, words, holds] of BOUNDS) {
    const given = constraints[key]
    if (given === undefined) continue
    const bound = boundOf(key, given)
    checks.push((value) =>
      holds(compareDecimals(value, bound.value))
        ? undefined
        : ctxError(type, `Input should be ${words} ${bound.text}`, bound),
    )
  }
  return checks
}

const ctxError = (type: string, msg: string, bound: Bound): PydanticError => ({
  type,
  msg,
  ctx: { [bound.key]: decimalNumber(bound.value) },
})

function digitsError(
  value: DecimalValue,
  maxDigits: number | undefined,
  decimalPlaces: number | undefined,
): PydanticError | undefined {
  const { digits, decimals } = digitCounts(value)
  if (maxDigits !== undefined && digits > maxDigits) {
    return {
      type: 'decimal_max_digits',
      msg: `Decimal input should have no more than ${maxDigits} digit${plural(maxDigits)} in total`,
      ctx: { max_digits: maxDigits },
    }
  }
  if (decimalPlaces === undefined) return undefined
  if (decimals > decimalPlaces) {
    return {
      type: 'decimal_max_places',
      msg: `Decimal input should have no more than ${decimalPlaces} decimal place${plural(decimalPlaces)}`,
      ctx: { decimal_places: decimalPlaces },
    }
  }
  if (maxDigits === undefined) return undefined
  const wholeDigits = Math.max(0, maxDigits - decimalPlaces)
  if (digits - decimals <= wholeDigits) return undefined
  return {
    type: 'decimal_whole_digits',
    msg: `Decimal input should have no more than ${wholeDigits} digit${plural(wholeDigits)} before the decimal point`,
    ctx: { whole_digits: wholeDigits },
  }
}

const TYPE_ERROR: PydanticError = {
  type: 'decimal_type',
  msg: 'Decimal input should be an integer, float, string or Decimal object',
}
const PROBLEMS: Record<string, PydanticError> = {
  decimal_parsing: { type: 'decimal_parsing', msg: 'Input should be a valid decimal' },
  finite_number: { type: 'finite_number', msg: 'Input should be a finite number' },
}

/**
 * Pydantic's `Decimal` (and `condecimal()`): a JSON number or a string of digits
 * (`"5.50"`, `" 1_000 "`, `"1e3"`), read exactly, never through a float. The
 * handler gets the decimal's text as Python's `str(Decimal)` writes it (`"5.50"`,
 * `"1E+3"`), which is also what a response sends, as Pydantic serialises a model's
 * `Decimal` field; hand it to a decimal library for arithmetic. Refusals read as
 * Pydantic's (`decimal_parsing`, `decimal_type`, `finite_number`,
 * `decimal_max_digits`, `greater_than`…); the OpenAPI schema is Pydantic's
 * `anyOf` of a number and a pattern-checked string.
 *
 * @example
 * ```ts
 * const Item = v.object({ name: v.string(), price: decimal({ gt: 0, maxDigits: 8, decimalPlaces: 2 }) })
 * const create = route.post('/items/', { body: Item, response: Item }, ({ body }) => body)
 * // {"name": "Foo", "price": 5} → {"name": "Foo", "price": "5"}; "five" → 422 decimal_parsing
 * ```
 */
export function decimal(
  constraints: DecimalConstraints = {},
  message?: v.ErrorMessage<DecimalIssue>,
): DecimalSchema {
  const checks = checksOf(constraints)
  return v._standardSchema({
    kind: 'schema',
    type: 'decimal',
    reference: decimal,
    expects: 'decimal',
    async: false,
    constraints,
    message,
    '~run'(dataset, config) {
      const input = dataset.value
      const parsed =
        typeof input === 'number'
          ? decimalOfNumber(input)
          : typeof input === 'string'
            ? parseDecimal(input)
            : undefined
      const error =
        parsed === undefined
          ? TYPE_ERROR
          : typeof parsed === 'string'
            ? PROBLEMS[parsed]
            : checks.reduce<PydanticError | undefined>(
                (found, check) => found ?? check(parsed),
                undefined,
              )
      if (error) {
        // valibot takes an issue's requirement from the context it is given.
        v._addIssue({ ...this, requirement: error }, 'decimal', dataset, config)
        return dataset as unknown as v.OutputDataset<string, DecimalIssue>
      }
      const success = dataset as unknown as v.SuccessDataset<string>
      success.typed = true
      success.value = decimalString(parsed as DecimalValue)
      return success
    },
  })
}
