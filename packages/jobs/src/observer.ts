/** One try of a job, as observers see it. */
export interface JobAttemptInfo {
  /** The job's name. */
  readonly job: string
  readonly id: string
  /** 1 for the first try. */
  readonly attempt: number
  /** Whether a failure of this try dead-letters the job. */
  readonly final: boolean
  /** Milliseconds since the epoch when the job was enqueued. */
  readonly enqueuedAt: number
  /** What observers put in the carrier at enqueue (a trace context). */
  readonly carrier: Readonly<Record<string, string>>
}

/** How a try ended: `completed`, `retried` (it failed and will run again) or `dead` (it failed its last try). */
export type JobOutcome = 'completed' | 'retried' | 'dead'

/**
 * Watches jobs from enqueue to outcome: `prometheusMetrics().jobs` from
 * `@sluice/metrics` counts them, `jobTracing()` from `@sluice/tracing` traces them.
 * Both match this shape without importing this package.
 */
export interface JobObserver {
  /** Called in the enqueuing process; may write strings into `carrier` for the worker (a trace context). */
  enqueued?(job: string, carrier: Record<string, string>): void
  /**
   * Wraps one try: calls `run`, which resolves when the job completed and rejects when the try
   * failed (the outcome is then `dead` when `info.final`, else `retried`), and passes it on.
   */
  attempt?(info: JobAttemptInfo, run: () => Promise<void>): Promise<void>
}
