import * as v from 'valibot'
import { expect, test } from 'vitest'
import { RequestValidationError, validateJSON } from '../index'

const Todo = v.object({
  title: v.pipe(v.string(), v.maxLength(3)),
  done: v.optional(v.boolean(), false),
})

test('validateJSON gives the output, or the issues a JSON body would get', () => {
  expect(validateJSON(Todo, { title: 'Pen' })).toEqual({ title: 'Pen', done: false })
  const error = (() => {
    try {
      validateJSON(Todo, { title: 'Pencil' })
    } catch (thrown) {
      return thrown
    }
  })()
  expect(error).toBeInstanceOf(RequestValidationError)
  expect((error as RequestValidationError).issues).toEqual([
    {
      type: 'string_too_long',
      loc: ['body', 'title'],
      msg: 'String should have at most 3 characters',
      input: 'Pencil',
      ctx: { max_length: 3 },
    },
  ])
})
