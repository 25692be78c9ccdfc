import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { dictKey } from '../index'

test('a record with dictKey() takes string keys and gives number keys', () => {
  const Weights = v.record(dictKey(v.pipe(v.number(), v.integer())), v.number())
  expectTypeOf<v.InferInput<typeof Weights>>().toEqualTypeOf<Record<string, number>>()
  expectTypeOf<v.InferOutput<typeof Weights>>().toEqualTypeOf<Record<number, number>>()
})

test('only number keys: a JSON key is never anything else', () => {
  // @ts-expect-error string keys need no dictKey()
  dictKey(v.string())
  // @ts-expect-error booleans cannot be property names
  dictKey(v.boolean())
})
