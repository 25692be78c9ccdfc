/** Run settings, from environment variables so a short run is one line away. */

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`)
  return value
}

function listFrom(name: string): string[] | undefined {
  const raw = process.env[name]
  return raw ? raw.split(',').map((item) => item.trim()) : undefined
}

export const settings = {
  /** Rounds; contenders are interleaved, in a rotated order, in every round. */
  rounds: numberFrom('BENCH_ROUNDS', 4),
  /** Seconds of measured load per endpoint per round. */
  seconds: numberFrom('BENCH_DURATION', 4),
  /** Seconds of unmeasured load before each measurement (JIT warm-up). */
  warmup: numberFrom('BENCH_WARMUP', 2),
  connections: numberFrom('BENCH_CONNECTIONS', 50),
  /** Only these contender ids (comma-separated). */
  only: listFrom('BENCH_ONLY'),
  /** Parts to skip by name: `items`, `profile`, `bun`, `todo`, `mixed`, `postgres`, `scale`, `realtime`, `typecheck`, `bundle` (see the README). */
  skip: new Set(listFrom('BENCH_SKIP') ?? []),
  /** Times each type-check is repeated (the best time is reported). */
  typecheckRuns: numberFrom('BENCH_TYPECHECK_RUNS', 2),
}
