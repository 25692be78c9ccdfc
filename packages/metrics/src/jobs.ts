import { Counter, Histogram, type Registry } from 'prom-client'

/** One try of a job, as `@sluice/jobs` reports it to its observers. */
interface JobAttempt {
  readonly job: string
  /** Whether a failure of this try dead-letters the job. */
  readonly final: boolean
}

/**
 * The observer `@sluice/jobs`'s `jobQueue({ observers })` takes, written out here so this
 * package does not depend on that one.
 */
export interface JobMetrics {
  enqueued(job: string): void
  attempt(info: JobAttempt, run: () => Promise<void>): Promise<void>
}

/** Seconds: a job runs from milliseconds (a row written) to minutes (a report built). */
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300]

/**
 * Counts jobs by name and outcome in `registry`: `sluice_jobs_enqueued_total{job}`,
 * `sluice_jobs_total{job,outcome}` (`completed`, `retried` — failed and tried again — or
 * `dead` — failed its last try) and `sluice_job_duration_seconds{job,outcome}` per try.
 */
export function jobMetrics(registry: Registry): JobMetrics {
  const enqueued = new Counter({
    name: 'sluice_jobs_enqueued_total',
    help: 'Jobs enqueued by this process, by job.',
    labelNames: ['job'],
    registers: [registry],
  })
  const tries = new Counter({
    name: 'sluice_jobs_total',
    help: 'Job tries run by this process, by job and outcome (completed, retried, dead).',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'sluice_job_duration_seconds',
    help: 'How long each try of a job ran, by job and outcome.',
    labelNames: ['job', 'outcome'],
    buckets: JOB_BUCKETS,
    registers: [registry],
  })
  return {
    enqueued: (job) => enqueued.inc({ job }),
    async attempt(info, run) {
      const started = performance.now()
      let outcome = 'completed'
      try {
        await run()
      } catch (error) {
        outcome = info.final ? 'dead' : 'retried'
        throw error
      } finally {
        tries.inc({ job: info.job, outcome })
        duration.observe({ job: info.job, outcome }, (performance.now() - started) / 1e3)
      }
    },
  }
}
