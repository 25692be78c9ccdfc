import { describe, expect, test } from 'vitest'
import { compare, compareColdStarts, comparisonText, verdict } from './report'
import type { ContenderResult, Sample, ScenarioResult } from './run'

/**
 * A finished run of two contenders with the given CPU µs per request, one figure per round,
 * and the given cold starts (ms), one per round.
 */
function run(
  rounds: Record<string, number[]>,
  coldStarts: Record<string, number[]> = {},
): ScenarioResult {
  const results = Object.entries(rounds).map(
    ([id, cpu]): ContenderResult => ({
      contender: { id, label: id, command: () => [] },
      samples: new Map([
        [
          'get',
          cpu.map(
            (cpuUsPerRequest): Sample => ({
              cpuUsPerRequest,
              requestsPerSecond: 1e6 / cpuUsPerRequest,
              p99Ms: 1,
              requests: 1000,
            }),
          ),
        ],
      ]),
      coldStartsMs: coldStarts[id] ?? [],
      peakRssMiB: [],
    }),
  )
  return { scenario: { id: 'items', baseline: 'b' } as ScenarioResult['scenario'], results }
}

describe('compare', () => {
  test('one lucky round does not meet a target the other rounds miss', () => {
    const comparison = compare(run({ a: [10, 20, 22], b: [15, 15, 16] }), 'a', 'b', 'get')
    expect(comparison.best).toBeCloseTo(10 / 15)
    expect(comparison.median).toBeCloseTo(20 / 15)
    expect([comparison.low, comparison.high]).toEqual([10 / 15, 22 / 16])
    expect(verdict(comparison, (ratio) => ratio <= 1)).toBe(false)
    expect(comparisonText(comparison, 'µs')).toBe(
      '10.0 vs 15.0 µs = 0.67× (medians 1.33×, rounds 0.67–1.38×)',
    )
  })

  test('a target met on the best rounds and the medians is met', () => {
    const comparison = compare(run({ a: [9, 10, 30], b: [10, 11, 12] }), 'a', 'b', 'get')
    expect(verdict(comparison, (ratio) => ratio <= 1)).toBe(true)
  })

  test('throughput: the best round is the highest', () => {
    const comparison = compare(
      run({ a: [10, 20], b: [100, 50] }),
      'a',
      'b',
      'get',
      'requestsPerSecond',
    )
    expect(comparison.best).toBeCloseTo(1e5 / 2e4)
    expect(verdict(comparison, (ratio) => ratio >= 10)).toBe(false)
  })

  test('a contender that was not measured gives no verdict', () => {
    expect(verdict(compare(run({ a: [10] }), 'a', 'b', 'get'), () => true)).toBeUndefined()
  })

  test('cold starts: one per round, the quickest is the best', () => {
    const cold = compareColdStarts(
      run({ a: [1, 1, 1], b: [1, 1, 1] }, { a: [300, 200, 260], b: [100, 150, 200] }),
      'a',
      'b',
    )
    expect([cold.value, cold.other, cold.best, cold.median]).toEqual([200, 100, 2, 260 / 150])
    expect([cold.low, cold.high]).toEqual([1.3, 3])
    expect(verdict(cold, (ratio) => ratio <= 1.5)).toBe(false)
  })
})
