import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { defineJob } from './define'
import { memoryEngine } from './memory'
import type { JobAttemptInfo, JobObserver } from './observer'
import { jobQueue } from './queue'

const greet = defineJob('greet', {
  payload: v.object({ name: v.pipe(v.string(), v.minLength(1)) }),
  retry: { attempts: 3, delay: 1 },
})

/** Resolves with the outcome of each try as it ends, in order. */
function outcomes() {
  const seen: string[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  const observer: JobObserver = {
    async attempt(info: JobAttemptInfo, run) {
      try {
        await run()
        seen.push(`${info.attempt}:completed`)
      } catch (error) {
        seen.push(`${info.attempt}:${info.final ? 'dead' : 'retried'}`)
        throw error
      } finally {
        for (const waiter of waiters.filter((w) => seen.length >= w.count)) waiter.resolve()
      }
    },
  }
  const after = (count: number) =>
    new Promise<void>((resolve) => {
      if (seen.length >= count) resolve()
      else waiters.push({ count, resolve })
    })
  return { seen, observer, after }
}

describe('memoryEngine', () => {
  test('a failing job is retried with its attempt number, then completes', async () => {
    const { seen, observer, after } = outcomes()
    const queue = jobQueue(memoryEngine(), { observers: [observer] })
    const attempts: number[] = []
    await queue.work(greet, (_, { attempt }) => {
      attempts.push(attempt)
      if (attempt < 3) throw new Error('not yet')
    })
    await queue.enqueue(greet, { name: 'Ada' })
    await after(3)
    expect(attempts).toEqual([1, 2, 3])
    expect(seen).toEqual(['1:retried', '2:retried', '3:completed'])
    expect(await queue.deadLetters(greet)).toEqual([])
    await queue.close()
  })

  test('a job failing every try is dead-lettered with its error', async () => {
    const { observer, after: ended } = outcomes()
    const queue = jobQueue(memoryEngine(), { observers: [observer] })
    await queue.work(greet, () => {
      throw new Error('poison')
    })
    const id = await queue.enqueue(greet, { name: 'Ada' })
    await ended(3)
    // Observers see the try end before the engine files the dead letter.
    await expect
      .poll(() => queue.deadLetters(greet))
      .toEqual([
        { id, envelope: expect.objectContaining({ payload: { name: 'Ada' } }), error: 'poison' },
      ])
    await queue.close()
  })

  test('a key already sent answers the first job, which runs once', async () => {
    const { observer, after } = outcomes()
    const queue = jobQueue(memoryEngine(), { observers: [observer] })
    const names: string[] = []
    const first = await queue.enqueue(greet, { name: 'Ada' }, { key: 'welcome-1' })
    const second = await queue.enqueue(greet, { name: 'Bob' }, { key: 'welcome-1' })
    const other = await queue.enqueue(greet, { name: 'Cy' }, { key: 'welcome-2' })
    expect(second).toBe(first)
    expect(other).not.toBe(first)
    await queue.work(greet, ({ name }) => void names.push(name))
    await after(2)
    expect(names.sort()).toEqual(['Ada', 'Cy'])
    await queue.close()
  })

  test('the handler gets the schema’s output, parsed from the input that was sent', async () => {
    const at = defineJob('at', {
      payload: v.object({
        when: v.pipe(
          v.string(),
          v.isoTimestamp(),
          v.transform((text) => new Date(text)),
        ),
      }),
    })
    const queue = jobQueue(memoryEngine())
    let got!: (when: Date) => void
    const received = new Promise<Date>((resolve) => {
      got = resolve
    })
    await queue.work(at, ({ when }) => got(when))
    await queue.enqueue(at, { when: '2026-12-08T09:00:00.000Z' })
    expect((await received).toISOString()).toBe('2026-12-08T09:00:00.000Z')
    await queue.close()
  })

  test('a payload that does not match the schema is refused at enqueue', async () => {
    const queue = jobQueue(memoryEngine())
    // @ts-expect-error: name must be a string
    await expect(queue.enqueue(greet, { name: 1 })).rejects.toThrow(v.ValiError)
    await expect(queue.enqueue(greet, { name: '' })).rejects.toThrow(v.ValiError)
    await queue.close()
  })

  test('close() waits for the job in hand', async () => {
    const queue = jobQueue(memoryEngine())
    let started!: () => void
    const running = new Promise<void>((resolve) => {
      started = resolve
    })
    let open!: () => void
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    let finished = false
    await queue.work(greet, async () => {
      started()
      await gate
      // A turn of the event loop: a close() that did not wait would have resolved by then.
      await new Promise((resolve) => setImmediate(resolve))
      finished = true
    })
    await queue.enqueue(greet, { name: 'Ada' })
    await running
    const closing = queue.close(30_000)
    open()
    await closing
    expect(finished).toBe(true)
  })

  test('it runs no cron schedules, and says so', async () => {
    const queue = jobQueue(memoryEngine())
    await expect(queue.schedule(greet, '0 8 * * *', { name: 'Ada' })).rejects.toThrow(/no cron/)
  })
})
