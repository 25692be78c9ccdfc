import type * as v from 'valibot'

/**
 * A payload schema: any valibot schema, checked when a job is enqueued and again when it runs.
 * Its input travels as JSON (BullMQ and pg-boss store it so), so it should take JSON values:
 * a date as an ISO string the schema may transform into a `Date`, not a `Date`.
 */
export type PayloadSchema = v.GenericSchema

/** How often a job is tried and how long it waits between tries. */
export interface RetryPolicy {
  /** Tries in all, the first included. Default 3. */
  readonly attempts?: number
  /** Milliseconds before the second try. Default 1000. */
  readonly delay?: number
  /** `exponential` doubles the wait after each failure; `fixed` keeps it. Default `exponential`. */
  readonly backoff?: 'exponential' | 'fixed'
}

/** Options of {@link defineJob}. */
export interface JobOptions<S extends PayloadSchema> {
  /** The payload's schema: `enqueue` takes its input type, the handler gets its output type. */
  readonly payload: S
  /** Retries and back-off. After the last try fails, the job is dead-lettered. */
  readonly retry?: RetryPolicy
  /**
   * Milliseconds a try may take before the engine takes the job back and retries it: how long
   * a job held by a worker that died waits before another worker runs it. Default 5 minutes.
   */
  readonly timeout?: number
}

/** A named, typed job, as {@link defineJob} returns it. */
export interface JobDefinition<S extends PayloadSchema = PayloadSchema> {
  readonly name: string
  readonly payload: S
  readonly retry: Required<RetryPolicy>
  readonly timeout: number
}

/** The type `enqueue` takes for a job's payload. */
export type PayloadInput<J extends JobDefinition> = v.InferInput<J['payload']>
/** The type a job's handler receives. */
export type PayloadOutput<J extends JobDefinition> = v.InferOutput<J['payload']>

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/**
 * Defines a job: its name (the queue's, shared by every process that enqueues or
 * runs it), its payload's schema and how it is retried. A definition holds no
 * handler, so the process that only enqueues need not load what the worker runs.
 *
 * @example
 * ```ts
 * const welcome = defineJob('send-welcome', {
 *   payload: v.object({ userId: v.number(), email: v.pipe(v.string(), v.email()) }),
 *   retry: { attempts: 5, delay: 2_000 },
 * })
 * ```
 */
export function defineJob<S extends PayloadSchema>(
  name: string,
  options: JobOptions<S>,
): JobDefinition<S> {
  if (!JOB_NAME.test(name))
    throw new TypeError(`Job name ${JSON.stringify(name)} must be letters, digits, '_', '.' or '-'`)
  const attempts = options.retry?.attempts ?? 3
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new TypeError(`Job "${name}": retry.attempts must be an integer of at least 1`)
  return Object.freeze({
    name,
    payload: options.payload,
    retry: Object.freeze({
      attempts,
      delay: options.retry?.delay ?? 1_000,
      backoff: options.retry?.backoff ?? 'exponential',
    }),
    timeout: options.timeout ?? 5 * 60_000,
  })
}
