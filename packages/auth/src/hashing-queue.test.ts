import { createApp, route } from '@sluice/core'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { HashingQueue } from './hashing-queue'
import { type PasswordHasher, passwordHashing } from './password'
import { pbkdf2Hasher } from './pbkdf2'

/** A real hasher that also counts how many of its hashes run at the same moment. */
function counted(hasher: PasswordHasher) {
  const seen = { now: 0, peak: 0 }
  const measure =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      seen.peak = Math.max(seen.peak, ++seen.now)
      try {
        return await work(...args)
      } finally {
        seen.now--
      }
    }
  return {
    seen,
    hasher: { ...hasher, hash: measure(hasher.hash), verify: measure(hasher.verify) },
  }
}

/** An app whose one route hashes the password it is sent, through `passwords`. */
function hashingApp(passwords: PasswordHasher) {
  return createApp({
    routes: [
      route.post('/hash', { body: v.object({ password: v.string() }) }, async ({ body }) => ({
        hash: await passwords.hash(body.password),
      })),
    ],
  })
}

const post = (app: ReturnType<typeof hashingApp>, password: string) =>
  app.request('/hash', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  })

describe('HashingQueue', () => {
  test('never runs more hashes than its concurrency; past the waiting line it answers 503 with Retry-After', async () => {
    const { seen, hasher } = counted(pbkdf2Hasher({ iterations: 20_000 }))
    const queue = new HashingQueue({ concurrency: 2, maxWaiting: 3 })
    const app = hashingApp(passwordHashing({ queue }, hasher))

    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(app, `pw${i}`)))

    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(5) // 2 running + 3 waiting
    expect(statuses.filter((status) => status === 503)).toHaveLength(7)
    const busy = answers.find((answer) => answer.status === 503)!
    expect(await busy.json()).toEqual({
      detail: 'Too many password checks in progress; retry later',
    })
    expect(busy.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
    expect(seen.peak).toBe(2)
    expect([queue.running, queue.waiting]).toEqual([0, 0])
  })

  test('verifications share the bound with hashes, and a failed hash frees its slot', async () => {
    const queue = new HashingQueue({ concurrency: 1, maxWaiting: 0 })
    const passwords = passwordHashing({ queue }, pbkdf2Hasher({ iterations: 1_000 }))
    const hash = await passwords.hash('pw')
    const [first, second] = await Promise.allSettled([
      passwords.verify('pw', hash),
      passwords.hash('other'),
    ])
    expect(first).toEqual({ status: 'fulfilled', value: true })
    expect(second).toMatchObject({ status: 'rejected', reason: { status: 503 } })
    await expect(passwords.verify('pw', '$pbkdf2-sha256$i=1000$c2FsdA$c2hvcnQ')).rejects.toThrow(
      TypeError,
    )
    expect(await passwords.verify('pw', hash)).toBe(true)
  })

  test('a combination inside another waits for one slot, not two', async () => {
    const queue = new HashingQueue({ concurrency: 1, maxWaiting: 0 })
    const inner = passwordHashing({ queue }, pbkdf2Hasher({ iterations: 1_000 }))
    const outer = passwordHashing({ queue }, inner)
    expect(await outer.verify('pw', await outer.hash('pw'))).toBe(true)
    expect(outer.verifies).toEqual(['pbkdf2-sha256'])
  })

  test('low-priority hashes wait behind normal ones, and give a full line’s place up to them', async () => {
    const queue = new HashingQueue({ concurrency: 1, maxWaiting: 2 })
    // Tasks that say when they start, and end when the test lets them.
    const started: Record<string, Promise<void>> = {}
    const finish: Record<string, () => void> = {}
    const task = (name: string) => {
      let start = () => {}
      started[name] = new Promise<void>((resolve) => (start = resolve))
      return () =>
        new Promise<string>((resolve) => {
          start()
          finish[name] = () => resolve(name)
        })
    }
    const first = queue.run(task('first'))
    const lowA = queue.run(task('low-a'), { priority: 'low' })
    const lowB = queue.run(task('low-b'), { priority: 'low' })
    // The line is full: one more low hash is refused.
    await expect(queue.run(task('low-c'), { priority: 'low' })).rejects.toMatchObject({
      status: 503,
    })
    // A normal one takes the newest low one's place, and that one gets the 503.
    const normal = queue.run(task('normal'))
    await expect(lowB).rejects.toMatchObject({ status: 503 })
    expect([queue.running, queue.waiting]).toEqual([1, 2])

    // The normal hash runs next, though low-a came first.
    const order: string[] = []
    for (const name of ['normal', 'low-a']) void started[name]!.then(() => order.push(name))
    finish.first!()
    await first
    await started.normal
    expect(order).toEqual(['normal'])
    finish.normal!()
    expect(await normal).toBe('normal')
    await started['low-a']
    finish['low-a']!()
    expect(await lowA).toBe('low-a')
    expect(order).toEqual(['normal', 'low-a'])
    expect([queue.running, queue.waiting]).toEqual([0, 0])
  })

  test('is sized to the machine unless told', () => {
    const queue = new HashingQueue()
    expect(queue.concurrency).toBe(globalThis.navigator?.hardwareConcurrency || 2)
    expect(queue.maxWaiting).toBe(4 * queue.concurrency)
    expect(() => new HashingQueue({ concurrency: 0 })).toThrow(RangeError)
  })
})
