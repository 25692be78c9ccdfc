// Python's `decimal.Decimal`, as much of it as Pydantic's `Decimal` type needs: reading one from a
// string or a number, writing it back as `str()` does, and comparing two exactly (no floats).

/** A finite decimal: `(-1)^negative × coefficient × 10^exponent`, the coefficient without leading zeros. */
export interface DecimalValue {
  readonly negative: boolean
  readonly coefficient: string
  readonly exponent: number
}

/** Why a value is not a decimal, in Pydantic's words. */
export type DecimalProblem = 'decimal_parsing' | 'finite_number'

const SYNTAX = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:e([+-]?\d+))?$/i
const NOT_FINITE = /^[+-]?(?:inf|infinity|s?nan)$/i
/** Python's (Rust's) surrounding whitespace, which is not JS's `\s`. */
const SPACE =
  /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g

/**
 * A decimal from its text as Pydantic reads one: surrounding whitespace and `_`
 * are ignored, an exponent may follow; `NaN` and `Infinity` are not finite.
 *
 * @example
 * ```ts
 * parseDecimal(' 5.50 ') // { negative: false, coefficient: '550', exponent: -2 }
 * parseDecimal('five') // 'decimal_parsing'
 * ```
 */
export function parseDecimal(text: string): DecimalValue | DecimalProblem {
  const cleaned = text.replace(SPACE, '').replaceAll('_', '')
  const match = SYNTAX.exec(cleaned)
  if (!match) return NOT_FINITE.test(cleaned) ? 'finite_number' : 'decimal_parsing'
  const [, sign, whole = '', afterWhole, afterDot, exponent = '0'] = match
  const fraction = afterWhole ?? afterDot ?? ''
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '')
  return {
    negative: sign === '-',
    coefficient: digits,
    exponent: Number(exponent) - fraction.length,
  }
}

/** A JSON number as a decimal: JavaScript's shortest form of it, which is Python's `repr` of a float. */
export function decimalOfNumber(value: number): DecimalValue | DecimalProblem {
  return Number.isFinite(value) ? parseDecimal(String(value)) : 'finite_number'
}

/**
 * Python's `str(Decimal)`: plain digits unless the exponent is positive or the
 * number is smaller than 1e-6, then scientific (`1E+3`, `1E-7`); trailing zeros kept.
 */
export function decimalString({ negative, coefficient, exponent }: DecimalValue): string {
  const leftDigits = exponent + coefficient.length
  const dotPlace = exponent <= 0 && leftDigits > -6 ? leftDigits : 1
  let text: string
  if (dotPlace <= 0) text = `0.${'0'.repeat(-dotPlace)}${coefficient}`
  else if (dotPlace >= coefficient.length)
    text = coefficient + '0'.repeat(dotPlace - coefficient.length)
  else text = `${coefficient.slice(0, dotPlace)}.${coefficient.slice(dotPlace)}`
  const shift = leftDigits - dotPlace
  const power = shift === 0 ? '' : `E${shift > 0 ? '+' : ''}${shift}`
  return (negative ? '-' : '') + text + power
}

const isZero = (value: DecimalValue) => /^0+$/.test(value.coefficient)

/** The digits Pydantic counts once trailing zeros are dropped: in total, and after the point. */
export function digitCounts(value: DecimalValue): { digits: number; decimals: number } {
  if (isZero(value)) return { digits: 1, decimals: 0 }
  const trimmed = value.coefficient.replace(/0+$/, '')
  const exponent = value.exponent + value.coefficient.length - trimmed.length
  if (exponent >= 0) return { digits: trimmed.length + exponent, decimals: 0 }
  return { digits: Math.max(trimmed.length, -exponent), decimals: -exponent }
}

/** −1, 0 or 1 as `a` is less than, equal to or greater than `b`, exactly. */
export function compareDecimals(a: DecimalValue, b: DecimalValue): number {
  const signA = isZero(a) ? 0 : a.negative ? -1 : 1
  const signB = isZero(b) ? 0 : b.negative ? -1 : 1
  if (signA !== signB || signA === 0) return Math.sign(signA - signB)
  return signA * compareMagnitudes(a, b)
}

function compareMagnitudes(a: DecimalValue, b: DecimalValue): number {
  const digitsA = a.coefficient.replace(/^0+/, '')
  const digitsB = b.coefficient.replace(/^0+/, '')
  const orderA = a.exponent + digitsA.length
  const orderB = b.exponent + digitsB.length
  if (orderA !== orderB) return Math.sign(orderA - orderB)
  const width = Math.max(digitsA.length, digitsB.length)
  const paddedA = digitsA.padEnd(width, '0')
  const paddedB = digitsB.padEnd(width, '0')
  return paddedA === paddedB ? 0 : paddedA < paddedB ? -1 : 1
}

/**
 * Whether `value` is a whole multiple of `step` (a non-zero step). Exponents
 * further apart than any coefficient is long are cut to that length: beyond it,
 * the powers of ten hold every factor of 2 and 5 the step can have.
 */
export function isMultipleOf(value: DecimalValue, step: DecimalValue): boolean {
  if (isZero(value)) return true
  const shift = value.exponent - step.exponent
  const reach = 4 * (value.coefficient.length + step.coefficient.length) + 4
  if (shift < -reach) return false
  const scaled = BigInt(value.coefficient) * 10n ** BigInt(Math.max(0, Math.min(shift, reach)))
  const divisor = BigInt(step.coefficient) * 10n ** BigInt(Math.max(0, -shift))
  return scaled % divisor === 0n
}

/** A decimal as FastAPI writes one in an error's `ctx` (its `jsonable_encoder`): a JSON number. */
export const decimalNumber = (value: DecimalValue): number => Number(decimalString(value))
