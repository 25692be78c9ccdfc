import { nodeHashingQueue } from '@sluice/auth/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, type TestApp, testApp } from './helpers'

let t: TestApp

beforeAll(async () => {
  t = await testApp()
})
afterAll(() => t.close())

const register = (email: string) => t.json('POST', '/auth/register', { email, password: PASSWORD })

describe('password hashing under a burst', () => {
  it('runs at most one hash per CPU; past the waiting line registrations get 503 with Retry-After', async () => {
    const { concurrency, maxWaiting } = nodeHashingQueue
    let peak = 0
    // Hashes run on libuv's threads, so the event loop is free to watch them.
    const watch = setInterval(() => {
      peak = Math.max(peak, nodeHashingQueue.running)
    }, 1)
    const burst = concurrency + maxWaiting + 8
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, i) => register(`burst${i}@example.com`)),
    )
    clearInterval(watch)

    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(concurrency + maxWaiting)
    expect(statuses.filter((status) => status === 503)).toHaveLength(8)
    const busy = answers.find((answer) => answer.status === 503)!
    expect(busy.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
    expect(await busy.json()).toEqual({
      detail: 'Too many password checks in progress; retry later',
    })
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThanOrEqual(concurrency)
  })
})
