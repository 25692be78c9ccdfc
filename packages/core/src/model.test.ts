import * as v from 'valibot'
import { expect, test } from 'vitest'
import { model, modelName } from './model'

test('a model validates like its schema and remembers its name', () => {
  const schema = v.object({ id: v.number() })
  const Todo = model('Todo', schema)
  expect(v.parse(Todo, { id: 1, extra: true })).toEqual({ id: 1 })
  expect(modelName(Todo)).toBe('Todo')
  expect(modelName(schema)).toBeUndefined()
})

test('one schema can back two models without mixing their names', () => {
  const schema = v.object({ id: v.number() })
  expect(modelName(model('A', schema))).toBe('A')
  expect(modelName(model('B', schema))).toBe('B')
})

test('a name must be usable in a $ref', () => {
  expect(() => model('Todo Public', v.string())).toThrow(/may contain only/)
})
