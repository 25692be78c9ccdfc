import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import { isoDate, isoDateTime } from '../index'

test('dates stay strings, nullable and optional as wrapped', () => {
  const Todo = v.object({
    due: v.nullable(isoDate()),
    at: v.optional(isoDateTime('Bad timestamp')),
  })
  expectTypeOf<v.InferOutput<typeof Todo>>().toEqualTypeOf<{
    due: string | null
    at?: string | undefined
  }>()
  expectTypeOf<v.InferInput<typeof Todo>['due']>().toEqualTypeOf<string | null>()
})

test('the message is a string or a function of the issue', () => {
  isoDate((issue) => `${issue.received} is not a date`)
  // @ts-expect-error a message is text, not a number
  isoDate(42)
})
