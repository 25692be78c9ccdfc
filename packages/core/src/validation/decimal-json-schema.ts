import type { JsonSchema } from '@valibot/to-json-schema'
import type { DecimalConstraints } from './decimal'

/**
 * Pydantic's JSON Schema of a `Decimal` it reads: a number (with the bounds as
 * floats) or a string of digits, whose pattern also checks `maxDigits` and
 * `decimalPlaces` (ported from `pydantic.json_schema`'s `get_decimal_pattern`).
 *
 * @example
 * ```ts
 * decimalJsonSchema({ gt: 0 })
 * // { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: '^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$' }] }
 * ```
 */
export function decimalJsonSchema(constraints: DecimalConstraints): JsonSchema {
  const number: JsonSchema = { type: 'number' }
  const { gt, ge, lt, le, multipleOf } = constraints
  if (gt !== undefined) number.exclusiveMinimum = Number(gt)
  if (ge !== undefined) number.minimum = Number(ge)
  if (lt !== undefined) number.exclusiveMaximum = Number(lt)
  if (le !== undefined) number.maximum = Number(le)
  if (multipleOf !== undefined) number.multipleOf = Number(multipleOf)
  return { anyOf: [number, { type: 'string', pattern: decimalPattern(constraints) }] }
}

function decimalPattern({ maxDigits, decimalPlaces }: DecimalConstraints): string {
  const start = '^(?!^[-+.]*$)[+-]?0*'
  if (maxDigits !== undefined && decimalPlaces !== undefined) {
    const whole = Math.max(0, maxDigits - decimalPlaces)
    return `${start}(?:\\d{0,${whole}}|(?=[\\d.]{1,${maxDigits + 1}}0*$)\\d{0,${whole}}\\.\\d{0,${decimalPlaces}}0*$)`
  }
  if (maxDigits !== undefined) {
    return `${start}(?:\\d{0,${maxDigits}}|(?=[\\d.]{1,${maxDigits + 1}}0*$)\\d*\\.\\d*0*$)`
  }
  if (decimalPlaces !== undefined) return `${start}\\d*\\.?\\d{0,${decimalPlaces}}0*$`
  return `${start}\\d*\\.?\\d*$`
}
