import {
  type ConnectionOptions,
  type Job,
  Queue,
  type RedisOptions,
  Worker,
  type WorkerOptions,
} from 'bullmq'
import type { JobDefinition } from './define'
import type { DeadLetter, EngineSend, JobEngine, JobEnvelope } from './engine'

/** Options of {@link bullmqEngine}. */
export interface BullmqEngineOptions {
  /** The Redis server, as the app's other Redis settings give it (`REDIS_URL`): `redis://…` or `rediss://…`. */
  readonly url?: string
  /** Or BullMQ's connection options, when a URL is not enough (cluster, sentinel). */
  readonly connection?: ConnectionOptions
  /** Put before every key, so several apps (or test runs) can share one server. Default `'sluice'`. */
  readonly prefix?: string
  /**
   * BullMQ's worker settings (`lockDuration`, `stalledInterval`, `maxStalledCount`…). A job held by
   * a worker that died runs again once its lock (`lockDuration`, 30 s by default) has expired and a
   * live worker's stalled-job check (every `stalledInterval`) has found it.
   */
  readonly worker?: Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency' | 'autorun'>
  /**
   * Redis options for the connections that enqueue (not the workers'), with `url`.
   * Default `{ enableOfflineQueue: false }`, as BullMQ advises for producers: while Redis is away
   * an enqueue fails at once rather than waiting for it. Add `commandTimeout` to bound the wait
   * on a Redis that is connected but does not answer.
   */
  readonly producer?: RedisOptions
  /** Completed jobs are kept this many seconds, and their idempotency keys with them. Default one day. */
  readonly keepCompleted?: number
  /**
   * An enqueue Redis has not taken within this many milliseconds fails. BullMQ waits for its
   * first connection before any command, so without it a Redis that was never reachable would
   * hold every enqueue (and the request that made it) until it is. The job may still be added
   * once Redis answers: give it an idempotency key if that matters. Default 5000.
   */
  readonly enqueueTimeout?: number
  /**
   * Told of the errors of BullMQ's connections (a Redis that is away or refuses), which BullMQ
   * retries by itself. Default: none, and nothing is printed.
   */
  readonly onError?: (error: Error) => void
}

/**
 * An engine on BullMQ over Redis: one BullMQ queue per job name. Retries and back-off are
 * BullMQ's `attempts` and `backoff`; a job that failed its last try stays in BullMQ's failed
 * set (the dead letters); an idempotency key is the job's BullMQ `jobId`; schedules are
 * BullMQ job schedulers.
 *
 * @example
 * ```ts
 * import { bullmqEngine } from '@sluice/jobs/bullmq'
 *
 * const queue = jobQueue(bullmqEngine({ url: settings.REDIS_URL }))
 * ```
 */
export function bullmqEngine(options: BullmqEngineOptions): JobEngine {
  const { connection, producerConnection } = connectionsOf(options)
  const prefix = options.prefix ?? 'sluice'
  const queues = new Map<string, Queue>()
  const workers: { worker: Worker; inHand: Set<Promise<void>> }[] = []
  // Without a listener, BullMQ prints the error events it cannot emit.
  const onError = options.onError ?? (() => {})
  const enqueueTimeout = options.enqueueTimeout ?? 5_000
  const queueOf = (job: JobDefinition) => {
    let queue = queues.get(job.name)
    if (!queue) {
      queue = new Queue(job.name, { connection: producerConnection, prefix })
      queue.on('error', onError)
      queues.set(job.name, queue)
    }
    return queue
  }
  const jobOptions = (job: JobDefinition) => ({
    attempts: job.retry.attempts,
    backoff: { type: job.retry.backoff, delay: job.retry.delay },
    removeOnComplete: { age: options.keepCompleted ?? 24 * 60 * 60 },
    removeOnFail: false,
  })

  return {
    kind: 'bullmq',
    async send({ job, envelope, key, delay }: EngineSend) {
      const adding = queueOf(job).add(job.name, envelope, {
        ...jobOptions(job),
        ...(key !== undefined && { jobId: jobIdOf(key) }),
        ...(delay && { delay }),
      })
      const added = await within(
        adding,
        enqueueTimeout,
        `The job was not taken within ${enqueueTimeout} ms: is Redis reachable?`,
      )
      return String(added.id)
    },
    async work(job, concurrency, run) {
      const inHand = new Set<Promise<void>>()
      const worker = new Worker(
        job.name,
        async (held: Job<JobEnvelope>) => {
          const attempt = held.attemptsMade + 1
          const running = run({
            id: String(held.id),
            envelope: held.data,
            attempt,
            final: attempt >= (held.opts.attempts ?? 1),
          })
          inHand.add(running)
          try {
            await running
          } finally {
            inHand.delete(running)
          }
        },
        { lockDuration: job.timeout, ...options.worker, connection, prefix, concurrency },
      )
      // A lost connection is retried by BullMQ.
      worker.on('error', onError)
      // Not waiting for the connection: BullMQ connects (and reconnects) by itself, and a Redis
      // that is away must not hold up the app that starts the worker.
      workers.push({ worker, inHand })
    },
    async schedule(job, cron, envelope) {
      await queueOf(job).upsertJobScheduler(
        job.name,
        { pattern: cron },
        {
          name: job.name,
          data: envelope,
          opts: jobOptions(job),
        },
      )
    },
    async deadLetters(job) {
      const failed = await queueOf(job).getFailed()
      return failed.map(
        (held): DeadLetter => ({
          id: String(held.id),
          envelope: held.data as JobEnvelope,
          error: held.failedReason,
        }),
      )
    },
    async close(timeout) {
      await Promise.all(workers.map(({ worker, inHand }) => closeWithin(worker, inHand, timeout)))
      await Promise.all([...queues.values()].map((queue) => queue.close()))
    },
  }
}

/** The workers' connection options, and the enqueuing connections' (see `producer`). */
function connectionsOf(options: BullmqEngineOptions) {
  if (options.connection)
    return { connection: options.connection, producerConnection: options.connection }
  if (!options.url) throw new TypeError('bullmqEngine needs a url or connection options')
  const { url } = options
  return {
    connection: { url } satisfies RedisOptions,
    producerConnection: {
      url,
      enableOfflineQueue: false,
      ...options.producer,
    } satisfies RedisOptions,
  }
}

/**
 * Stops taking jobs, lets the jobs in hand finish for `timeout` ms, then closes the worker by
 * force: a job still in hand keeps its lock until it expires, and another worker's stalled-job
 * check returns it to the queue (BullMQ has no call that hands an active job back at once).
 * `worker.close()` is not raced instead: BullMQ keeps the first close, so a forced one after
 * it would wait for the jobs as well.
 */
async function closeWithin(worker: Worker, inHand: Set<Promise<void>>, timeout: number) {
  await worker.pause(true)
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.allSettled(inHand),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeout)
    }),
  ])
  clearTimeout(timer)
  await worker.close(true)
}

/** `promise`, or a rejection with `message` if it has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  promise.catch(() => {}) // settled after the deadline: nobody is waiting for it any more
  try {
    return await Promise.race([promise, expired])
  } finally {
    clearTimeout(timer)
  }
}

/** BullMQ refuses custom ids with `:` (its key separator) and ids that are integers. */
function jobIdOf(key: string): string {
  return `key-${encodeURIComponent(key)}`
}
