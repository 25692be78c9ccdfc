import { expect, test } from 'vitest'
import { restartDelay } from './workers'

test('a worker that keeps dying young is replaced ever more slowly, up to 30 s', () => {
  const delays: number[] = []
  let delay = 0
  for (let crash = 0; crash < 8; crash++) {
    delay = restartDelay(delay, 500)
    delays.push(delay)
  }
  expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000])
})

test('a worker that served for 10 s or more is replaced at once, and the back-off starts over', () => {
  expect(restartDelay(30_000, 10_000)).toBe(0)
  expect(restartDelay(0, 9_999)).toBe(1000)
})
