import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { coercer, isArrayField, parseBoolean, parseFloatString, parseInteger } from './coerce'

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
    expect(coercer(v.pipe(v.number(), v.integer()))('1e3')).toBe('1e3')
    expect(coercer(v.number())('  ')).toBe('  ')
    expect(coercer(v.bigint())('1.5')).toBe('1.5')
    expect(coercer(v.bigint())('1_000')).toBe(1000n)
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

// Every case below was checked against Pydantic 2.13 (FastAPI 0.142) with an `int`, `float` or `bool` field.
describe("Pydantic's string grammar", () => {
  test.each([
    ['17', 17],
    [' 17 ', 17],
    ['\u00a0\t17\n', 17],
    ['017', 17],
    ['00', 0],
    ['-0', 0],
    ['+17', 17],
    ['1_000', 1000],
    ['1_000.0', 1000],
    ['1.0', 1],
    ['1.00', 1],
    ['-1.0', -1],
    ['-00.000', 0],
    ['9007199254740991', 9007199254740991],
  ])('integer %j is %d', (text, value) => {
    expect(parseInteger(text)).toBe(value)
  })

  test.each([
    '0x11',
    '0b11',
    '0o11',
    '17e0',
    '1e3',
    '1.5',
    '1.',
    '.0',
    '1.0_0',
    '1._0',
    '1.0e0',
    'Infinity',
    '',
    '-',
    '+-1',
    '--1',
    '1__0',
    '_1',
    '1,000',
    '１',
  ])('integer %j does not parse', (text) => {
    expect(parseInteger(text)).toBe('int_parsing')
  })

  test('an integer beyond 2^53 - 1 is refused rather than rounded', () => {
    expect(parseInteger('9007199254740993')).toBe('int_parsing_size')
    expect(parseInteger('-9007199254740992')).toBe('int_parsing_size')
  })

  test.each([
    ['1e3', 1000],
    [' 1.5 ', 1.5],
    ['1_000.5', 1000.5],
    ['.5', 0.5],
    ['1.', 1],
    ['inf', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['1e400', Number.POSITIVE_INFINITY],
  ])('float %j is %d', (text, value) => {
    expect(parseFloatString(text)).toBe(value)
  })

  test.each(['0x11', '', 'abc', ' 1_0 ', 'nan'])('float %j does not parse', (text) => {
    expect(parseFloatString(text)).toBeUndefined()
  })

  test('booleans take Pydantic spellings in any case, and nothing else', () => {
    for (const text of ['true', 'T', 'YES', 'On', 'y', '1']) expect(parseBoolean(text)).toBe(true)
    for (const text of ['false', 'F', 'no', 'OFF', 'n', '0']) expect(parseBoolean(text)).toBe(false)
    for (const text of [' true', '', '2', 'maybe', 'truee'])
      expect(parseBoolean(text)).toBeUndefined()
  })
})
