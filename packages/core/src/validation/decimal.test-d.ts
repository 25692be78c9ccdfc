import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { decimal } from '../index'

test('a decimal takes a number or text and gives text', () => {
  const Item = v.object({ price: decimal({ gt: 0, maxDigits: 8, decimalPlaces: 2 }) })
  expectTypeOf<v.InferInput<typeof Item>>().toEqualTypeOf<{ price: number | string }>()
  expectTypeOf<v.InferOutput<typeof Item>>().toEqualTypeOf<{ price: string }>()
  // @ts-expect-error Pydantic's constraint names are camelCase here
  decimal({ max_digits: 5 })
})
