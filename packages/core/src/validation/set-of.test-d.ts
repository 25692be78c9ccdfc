import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { setOf } from '../index'

test('a set is an array of its items, both ways', () => {
  const Item = v.object({ tags: setOf(v.string()) })
  expectTypeOf<v.InferInput<typeof Item>>().toEqualTypeOf<{ tags: string[] }>()
  expectTypeOf<v.InferOutput<typeof Item>>().toEqualTypeOf<{ tags: string[] }>()
})
