import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { stripper } from './filter'

describe('stripper', () => {
  test('drops undeclared keys at any depth, through arrays, records, optionals and unions', () => {
    const Owner = v.object({ id: v.number() })
    const strip = stripper(
      v.object({
        owner: v.nullable(Owner),
        tags: v.array(v.object({ name: v.string() })),
        byId: v.record(v.string(), Owner),
        either: v.union([
          v.object({ kind: v.literal('a'), a: v.number() }),
          v.object({ kind: v.literal('b'), b: v.number() }),
        ]),
        loose: v.looseObject({ x: v.number() }),
      }),
    )
    expect(
      strip({
        owner: { id: 1, password: 'x' },
        tags: [{ name: 't', secret: 1 }],
        byId: { a: { id: 2, token: 'x' } },
        either: { kind: 'a', a: 1, hidden: true },
        loose: { x: 1, extra: 2 },
        passwordHash: 'x',
      }),
    ).toEqual({
      owner: { id: 1 },
      tags: [{ name: 't' }],
      byId: { a: { id: 2 } },
      either: { kind: 'a', a: 1 },
      loose: { x: 1, extra: 2 },
    })
  })

  test('leaves values of the wrong shape alone and keeps absent keys absent', () => {
    const strip = stripper(
      v.object({
        list: v.optional(v.array(v.object({ id: v.number() }))),
        name: v.optional(v.string()),
      }),
    )
    expect(strip({ list: 'not a list' })).toEqual({ list: 'not a list' })
    expect(strip(null)).toBeNull()
    expect(strip({})).toEqual({})
  })

  test('is the identity for schemas without objects', () => {
    const strip = stripper(v.array(v.number()))
    const value = [1, 2]
    expect(strip(value)).toBe(value)
    expect(stripper(v.union([v.string(), v.object({ a: v.string() })]))('x')).toBe('x')
  })
})
