import * as v from 'valibot'
import type { JobDefinition, PayloadInput, PayloadOutput } from './define'
import type { DeadLetter, EngineAttempt, JobEngine, JobEnvelope } from './engine'
import type { JobAttemptInfo, JobObserver } from './observer'

/** Options of {@link JobQueue.enqueue}. */
export interface EnqueueOptions {
  /**
   * An idempotency key: a second job sent with a key the engine still holds (waiting, running,
   * completed or dead) is not added, and the first one's id is answered.
   */
  readonly key?: string
  /** Milliseconds to wait before the job may run. */
  readonly delay?: number
  /** The earliest time the job may run (instead of `delay`). */
  readonly runAt?: Date
}

/** What a handler receives besides the payload. */
export interface JobContext {
  readonly id: string
  /** 1 for the first try. */
  readonly attempt: number
}

/** Runs one job; a thrown error (or rejection) fails the try, to be retried or dead-lettered. */
export type JobHandler<J extends JobDefinition> = (
  payload: PayloadOutput<J>,
  context: JobContext,
) => void | Promise<void>

/** Options of {@link JobQueue.work}. */
export interface WorkOptions {
  /** Jobs run at once by this process. Default 1. */
  readonly concurrency?: number
}

/** Options of {@link jobQueue}. */
export interface JobQueueOptions {
  /** Metrics and tracing: `prometheusMetrics().jobs`, `jobTracing()`. */
  readonly observers?: readonly JobObserver[]
  /** Milliseconds `close()` waits for the jobs in hand before giving them back. Default 10 000. */
  readonly shutdownTimeout?: number
}

/** The queue an app enqueues through and a worker process runs jobs from; see {@link jobQueue}. */
export interface JobQueue extends AsyncDisposable {
  /** The engine underneath, for what this API leaves out. */
  readonly engine: JobEngine
  /** Validates the payload (a `ValiError` when it does not match) and sends the job; answers its id. */
  enqueue<J extends JobDefinition>(
    job: J,
    payload: PayloadInput<J>,
    options?: EnqueueOptions,
  ): Promise<string>
  /** Runs `handler` for each job of `job` in this process, until `close()`. */
  work<J extends JobDefinition>(
    job: J,
    handler: JobHandler<J>,
    options?: WorkOptions,
  ): Promise<void>
  /** Enqueues `payload` on a cron schedule (`'0 8 * * *'`); calling it again replaces the schedule. */
  schedule<J extends JobDefinition>(job: J, cron: string, payload: PayloadInput<J>): Promise<void>
  /** The jobs of `job` that failed their last try, kept for inspection. */
  deadLetters(job: JobDefinition): Promise<DeadLetter[]>
  /**
   * Stops taking jobs, lets the jobs in hand finish for up to `timeout` ms (the queue's
   * `shutdownTimeout` by default), gives the others back to the engine to run again, and
   * closes its connections.
   */
  close(timeout?: number): Promise<void>
}

/**
 * A typed queue over an engine. Enqueue from handlers through a dependency (see `jobs()`),
 * and run workers with `work()`, in the same process or another one.
 *
 * @example
 * ```ts
 * const queue = jobQueue(bullmqEngine({ url: process.env.REDIS_URL! }))
 * await queue.work(welcome, async ({ email }) => sendMail(email, 'Welcome!'))
 * await queue.enqueue(welcome, { userId: 1, email: 'ada@example.com' }, { key: 'welcome-1' })
 * ```
 */
export function jobQueue(engine: JobEngine, options: JobQueueOptions = {}): JobQueue {
  const observers = options.observers ?? []
  let closing: Promise<void> | undefined
  const close = (timeout = options.shutdownTimeout ?? 10_000) => {
    closing ??= engine.close(timeout)
    return closing
  }
  return {
    engine,
    async enqueue(job, payload, sendOptions = {}) {
      const envelope = seal(job, payload, observers)
      const delay = sendOptions.runAt
        ? Math.max(0, sendOptions.runAt.getTime() - envelope.enqueuedAt)
        : sendOptions.delay
      return engine.send({ job, envelope, key: sendOptions.key, delay })
    },
    work(job, handler, workOptions = {}) {
      const concurrency = workOptions.concurrency ?? 1
      return engine.work(job, concurrency, (attempt) =>
        runAttempt(job, handler, attempt, observers),
      )
    },
    schedule(job, cron, payload) {
      return engine.schedule(job, cron, seal(job, payload, observers))
    },
    deadLetters: (job) => engine.deadLetters(job),
    close,
    [Symbol.asyncDispose]: () => close(),
  }
}

function seal(
  job: JobDefinition,
  payload: unknown,
  observers: readonly JobObserver[],
): JobEnvelope {
  // The input travels, not the parsed output: the worker parses it again into the handler's type
  // (a string the schema turns into a Date stays a string in JSON).
  v.parse(job.payload, payload)
  const enqueuedAt = Date.now()
  const carrier: Record<string, string> = {}
  for (const observer of observers) observer.enqueued?.(job.name, carrier)
  return { payload, enqueuedAt, carrier }
}

/**
 * Runs one try through every observer. The payload is read with the schema again: a job
 * enqueued by an older release may not match this one's schema, and fails like any other error.
 */
async function runAttempt<J extends JobDefinition>(
  job: J,
  handler: JobHandler<J>,
  attempt: EngineAttempt,
  observers: readonly JobObserver[],
): Promise<void> {
  const info: JobAttemptInfo = {
    job: job.name,
    id: attempt.id,
    attempt: attempt.attempt,
    final: attempt.final,
    enqueuedAt: attempt.envelope.enqueuedAt,
    carrier: attempt.envelope.carrier,
  }
  // Kept apart from what observers pass on, so one that swallows an error cannot complete a failed job.
  let failure: { error: unknown } | undefined
  const run = async () => {
    try {
      const payload = v.parse(job.payload, attempt.envelope.payload)
      await handler(payload, { id: attempt.id, attempt: attempt.attempt })
    } catch (error) {
      failure = { error }
      throw error
    }
  }
  const observed = observers.reduce<() => Promise<void>>(
    (inner, observer) => (observer.attempt ? () => observer.attempt!(info, inner) : inner),
    run,
  )
  await observed()
  if (failure) throw failure.error
}
