import { type ConnectionOptions, type Job, Queue, Worker, type WorkerOptions } from 'bullmq'
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
  /** Completed jobs are kept this many seconds, and their idempotency keys with them. Default one day. */
  readonly keepCompleted?: number
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
  const connection = options.connection ?? (options.url ? { url: options.url } : undefined)
  if (!connection) throw new TypeError('bullmqEngine needs a url or connection options')
  const prefix = options.prefix ?? 'sluice'
  const queues = new Map<string, Queue>()
  const workers: Worker[] = []
  const queueOf = (job: JobDefinition) => {
    let queue = queues.get(job.name)
    if (!queue) {
      queue = new Queue(job.name, { connection, prefix })
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
      const added = await queueOf(job).add(job.name, envelope, {
        ...jobOptions(job),
        ...(key !== undefined && { jobId: jobIdOf(key) }),
        ...(delay && { delay }),
      })
      return String(added.id)
    },
    async work(job, concurrency, run) {
      const worker = new Worker(
        job.name,
        async (held: Job<JobEnvelope>) => {
          const attempt = held.attemptsMade + 1
          await run({
            id: String(held.id),
            envelope: held.data,
            attempt,
            final: attempt >= (held.opts.attempts ?? 1),
          })
        },
        { lockDuration: job.timeout, ...options.worker, connection, prefix, concurrency },
      )
      // A lost connection is retried by BullMQ; without a listener Node would throw the event.
      worker.on('error', () => {})
      workers.push(worker)
      await worker.waitUntilReady()
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
      await Promise.all(workers.map((worker) => closeWithin(worker, timeout)))
      await Promise.all([...queues.values()].map((queue) => queue.close()))
    },
  }
}

/**
 * Lets the worker finish its jobs for `timeout` ms, then closes it by force: the jobs still in
 * hand keep their lock until it expires, and another worker's stalled-job check returns them to
 * the queue (BullMQ has no call that hands an active job back at once).
 */
async function closeWithin(worker: Worker, timeout: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeout)
  })
  const closed = await Promise.race([worker.close(), late])
  clearTimeout(timer)
  if (closed === 'late') await worker.close(true)
}

/** BullMQ refuses custom ids with `:` (its key separator) and ids that are integers. */
function jobIdOf(key: string): string {
  return `key-${encodeURIComponent(key)}`
}
