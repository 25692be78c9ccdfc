import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { defineJob } from './define'
import { memoryEngine } from './memory'
import { jobQueue } from './queue'

const reminder = defineJob('reminder', {
  payload: v.object({
    todoId: v.number(),
    due: v.pipe(
      v.string(),
      v.transform((text) => new Date(text)),
    ),
    note: v.optional(v.string()),
  }),
})
const queue = jobQueue(memoryEngine())

describe('enqueue and work infer the payload from the schema', () => {
  test('enqueue takes the input type', () => {
    void queue.enqueue(reminder, { todoId: 1, due: '2026-12-08T09:00:00Z' })
    void queue.enqueue(reminder, { todoId: 1, due: '2026-12-08', note: 'soon' }, { key: 'todo-1' })
    // @ts-expect-error: todoId is a number
    void queue.enqueue(reminder, { todoId: '1', due: '2026-12-08' })
    // @ts-expect-error: due is required
    void queue.enqueue(reminder, { todoId: 1 })
    // @ts-expect-error: the input is the string, not the transformed Date
    void queue.enqueue(reminder, { todoId: 1, due: new Date() })
    expectTypeOf(queue.enqueue(reminder, { todoId: 1, due: '' })).toEqualTypeOf<Promise<string>>()
  })

  test('the handler receives the output type', () => {
    void queue.work(reminder, (payload, { attempt }) => {
      expectTypeOf(payload).toEqualTypeOf<{
        todoId: number
        due: Date
        note?: string | undefined
      }>()
      expectTypeOf(attempt).toBeNumber()
    })
  })

  test('schedule takes the input type too', () => {
    void queue.schedule(reminder, '0 8 * * *', { todoId: 1, due: '2026-12-08' })
    // @ts-expect-error: todoId is a number
    void queue.schedule(reminder, '0 8 * * *', { todoId: 'x', due: '2026-12-08' })
  })
})
