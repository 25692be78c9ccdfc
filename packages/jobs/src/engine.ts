import type { JobDefinition } from './define'

/** What travels with a job: its payload and what observers attach (the enqueue time, a trace context). */
export interface JobEnvelope {
  readonly payload: unknown
  /** Milliseconds since the epoch when the job was enqueued. */
  readonly enqueuedAt: number
  /** Strings observers carry from enqueue to run, such as a W3C `traceparent`. */
  readonly carrier: Readonly<Record<string, string>>
}

/** How one job is sent, as the engine sees it. */
export interface EngineSend {
  readonly job: JobDefinition
  readonly envelope: JobEnvelope
  /** Only one job per key is kept while the engine retains it (see the engine). */
  readonly key?: string | undefined
  /** Milliseconds to wait before the job may run. */
  readonly delay?: number | undefined
}

/** One try of one job, as the engine hands it to a worker. */
export interface EngineAttempt {
  readonly id: string
  readonly envelope: JobEnvelope
  /** 1 for the first try. */
  readonly attempt: number
  /** Whether a failure of this try dead-letters the job rather than retrying it. */
  readonly final: boolean
}

/** A job that failed its last try, kept by the engine. */
export interface DeadLetter {
  readonly id: string
  readonly envelope: JobEnvelope
  /** The last error's message, when the engine keeps it. */
  readonly error?: string | undefined
}

/**
 * The seam between `jobQueue()` and a queue engine (`bullmqEngine`, `pgBossEngine`,
 * `memoryEngine`). An engine moves envelopes; validation, observation and types are the queue's.
 */
export interface JobEngine {
  /** Shown in errors and metrics: `bullmq`, `pg-boss`, `memory`. */
  readonly kind: string
  /** Sends a job; answers its id (the existing job's when its key was already used). */
  send(send: EngineSend): Promise<string>
  /** Runs `run` for each job of `job`, `concurrency` at a time; a rejection is a failed try. */
  work(
    job: JobDefinition,
    concurrency: number,
    run: (attempt: EngineAttempt) => Promise<void>,
  ): Promise<void>
  /** Enqueues `envelope` on a cron schedule (five or six fields), replacing the job's schedule. */
  schedule(job: JobDefinition, cron: string, envelope: JobEnvelope): Promise<void>
  /** The jobs of `job` that failed their last try. */
  deadLetters(job: JobDefinition): Promise<DeadLetter[]>
  /**
   * Stops taking jobs, waits up to `timeout` ms for the jobs in hand to finish, gives the
   * others back to the queue, and closes the engine's connections.
   */
  close(timeout: number): Promise<void>
}
