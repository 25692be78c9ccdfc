import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { dependentRequired } from '../index'

const Entries = v.object({ password: v.optional(v.string()), current: v.optional(v.string()) })

test('keeps the object type, and names only its keys', () => {
  expectTypeOf(v.parse(dependentRequired(Entries, { password: ['current'] }), {})).toEqualTypeOf<
    v.InferOutput<typeof Entries>
  >()
  // @ts-expect-error: no such key
  dependentRequired(Entries, { password: ['curent'] })
  // @ts-expect-error: no such key
  dependentRequired(Entries, { pasword: ['current'] })
})
