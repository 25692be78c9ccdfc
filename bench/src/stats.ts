/** Small statistics over rounds. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function max(values: readonly number[]): number {
  return values.length ? Math.max(...values) : Number.NaN
}

export function min(values: readonly number[]): number {
  return values.length ? Math.min(...values) : Number.NaN
}
