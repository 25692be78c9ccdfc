import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { laxConverter } from './lax'

// What FastAPI 0.142 accepts in a JSON body for `int`, `float`, `bool` and `list[int]` fields.
describe('laxConverter', () => {
  const Item = v.object({
    i: v.optional(v.pipe(v.number(), v.integer())),
    f: v.optional(v.number()),
    b: v.optional(v.boolean()),
    s: v.optional(v.string()),
    l: v.optional(v.array(v.pipe(v.number(), v.integer()))),
    nested: v.optional(v.object({ n: v.number() })),
    weights: v.optional(v.record(v.string(), v.number())),
  })
  const lax = laxConverter(Item)
  const parse = (body: unknown) => v.safeParse(Item, lax(body))

  test('numeric and boolean strings become numbers and booleans', () => {
    expect(parse({ i: '1.0', f: '1.5', b: 'yes', l: ['1', 2] }).output).toEqual({
      i: 1,
      f: 1.5,
      b: true,
      l: [1, 2],
    })
    expect(parse({ i: ' 7 ', f: ' 2 ', b: 'Off' }).output).toEqual({ i: 7, f: 2, b: false })
  })

  test('booleans count as 1 and 0, and 1 and 0 as booleans', () => {
    expect(parse({ i: true, f: true, b: 1 }).output).toEqual({ i: 1, f: 1, b: true })
    expect(parse({ b: 0 }).output).toEqual({ b: false })
  })

  test('nested objects and records convert too', () => {
    expect(parse({ nested: { n: '3' }, weights: { a: '0.5' } }).output).toEqual({
      nested: { n: 3 },
      weights: { a: 0.5 },
    })
  })

  test('what does not parse is left for the schema to reject', () => {
    const result = parse({ i: '0x1', b: 2, s: 1 })
    expect(result.issues?.map((issue) => issue.input)).toEqual(['0x1', 2, 1])
  })

  test('is built once per schema', () => {
    expect(laxConverter(Item)).toBe(lax)
  })
})
