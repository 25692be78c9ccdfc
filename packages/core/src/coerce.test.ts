import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { coercer, isArrayField } from './coerce'

describe('coercer', () => {
  test('converts through wrappers and pipes', () => {
    expect(coercer(v.nullish(v.pipe(v.number(), v.integer())))('42')).toBe(42)
    expect(coercer(v.optional(v.boolean(), false))('off')).toBe(false)
  })

  test('numeric literals, enums and unions of numbers become numbers', () => {
    expect(coercer(v.literal(3))('3')).toBe(3)
    expect(coercer(v.union([v.literal(1), v.literal(2)]))('2')).toBe(2)
    expect(coercer(v.union([v.boolean(), v.literal(true)]))('yes')).toBe(true)
    enum Level {
      Low = 1,
      High = 2,
    }
    expect(coercer(v.enum(Level))('2')).toBe(2)
    expect(coercer(v.picklist([10n, 20n]))('20')).toBe(20n)
  })

  test('strings and string options stay strings; what cannot convert passes unchanged', () => {
    expect(coercer(v.picklist(['1', '2']))('1')).toBe('1')
    expect(coercer(v.union([v.string(), v.number()]))('1')).toBe('1')
    expect(coercer(v.number())('1e3')).toBe(1000)
    expect(coercer(v.number())('  ')).toBe('  ')
    expect(coercer(v.bigint())('1.5')).toBe('1.5')
    expect(coercer(v.date())('yesterday')).toBe('yesterday')
    expect(coercer(v.boolean())('maybe')).toBe('maybe')
  })

  test('a repeated key counts by its last value, unless the field is an array', () => {
    expect(coercer(v.number())(['1', '2'])).toBe(2)
    expect(coercer(v.array(v.number()))('5')).toEqual([5])
    expect(coercer(v.array(v.string()))(['a', 'b'])).toEqual(['a', 'b'])
    expect(isArrayField(v.optional(v.array(v.string())))).toBe(true)
    expect(isArrayField(v.string())).toBe(false)
  })

  test('files pass through untouched', () => {
    const file = new File(['x'], 'x.txt')
    expect(coercer(v.file())(file)).toBe(file)
    expect(coercer(v.array(v.number()))([file, '1'])).toEqual([file, 1])
  })
})
