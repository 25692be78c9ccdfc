import { createHash } from 'node:crypto'
import PgBoss from 'pg-boss'
import type { JobDefinition } from './define'
import type { DeadLetter, JobEngine, JobEnvelope } from './engine'

/** A node-postgres pool, such as the one `@sluice/db/postgres` opens (`db.$client`). */
export interface QueryablePool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

/** pg-boss's own settings this engine passes on (polling, maintenance, archiving…). */
export type PgBossSettings = Omit<
  PgBoss.ConstructorOptions,
  keyof PgBoss.DatabaseOptions | keyof PgBoss.RetryOptions | keyof PgBoss.ExpirationOptions
>

/** Options of {@link pgBossEngine}: a URL (`DATABASE_URL`) or the app's pool. */
export type PgBossEngineOptions = (
  | { readonly url: string; readonly pool?: never }
  | { readonly pool: QueryablePool; readonly url?: never }
) & {
  /** The PostgreSQL schema pg-boss keeps its tables in. Default `'pgboss'`. */
  readonly schema?: string
  /** pg-boss's settings: `pollingIntervalSeconds`, `maintenanceIntervalSeconds`, archiving… */
  readonly boss?: PgBossSettings
}

/**
 * An engine on pg-boss over PostgreSQL: one pg-boss queue per job name, each with a
 * dead-letter queue (`<name>.dead`) that receives a job once its last try failed. Retries are
 * pg-boss's `retryLimit`, `retryDelay` (whole seconds) and `retryBackoff`; a job held by a
 * worker that died is retried once its `expireIn` (the job's `timeout`) has passed and
 * pg-boss's maintenance has run (`maintenanceIntervalSeconds`). An idempotency key becomes
 * the job's id (a UUID derived from it), which pg-boss keeps unique until the job is deleted.
 *
 * @example
 * ```ts
 * import { pgBossEngine } from '@sluice/jobs/pg-boss'
 *
 * const queue = jobQueue(pgBossEngine({ url: settings.DATABASE_URL }))
 * ```
 */
export function pgBossEngine(options: PgBossEngineOptions): JobEngine {
  const schema = options.schema ?? 'pgboss'
  const boss = new PgBoss({
    ...options.boss,
    schema,
    ...(options.url !== undefined
      ? { connectionString: options.url }
      : {
          db: { executeSql: (text: string, values: unknown[]) => options.pool.query(text, values) },
        }),
  })
  // pg-boss reports failed maintenance and lost connections here and retries; unlistened, Node would throw.
  boss.on('error', () => {})
  // Started on first use, and again after a failed start (the database was away): a process that
  // only builds the engine opens no connection.
  let starting: Promise<unknown> | undefined
  const start = () => (starting ??= forgetFailure(boss.start(), () => (starting = undefined)))
  const queues = new Map<string, Promise<void>>()
  const queueOf = (job: JobDefinition) => {
    let created = queues.get(job.name)
    if (!created) {
      const create = async () => {
        await start()
        await boss.createQueue(deadQueue(job))
        await boss.createQueue(job.name, {
          name: job.name,
          ...retryOf(job),
          deadLetter: deadQueue(job),
        })
      }
      created = forgetFailure(create(), () => queues.delete(job.name))
      queues.set(job.name, created)
    }
    return created
  }

  return {
    kind: 'pg-boss',
    async send({ job, envelope, key, delay }) {
      await queueOf(job)
      const id = key === undefined ? undefined : uuidOf(job.name, key)
      const sent = await boss.send(job.name, envelope, {
        ...retryOf(job),
        ...(id && { id }),
        ...(delay && { startAfter: Math.ceil(delay / 1000) }),
      })
      // pg-boss answers null when a job with this id already exists.
      return sent ?? (id as string)
    },
    async work(job, concurrency, run) {
      await queueOf(job)
      for (let i = 0; i < concurrency; i++) {
        await boss.work<JobEnvelope>(
          job.name,
          { batchSize: 1, includeMetadata: true },
          async ([held]) => {
            if (!held) return
            await run({
              id: held.id,
              envelope: held.data,
              attempt: held.retryCount + 1,
              final: held.retryCount >= held.retryLimit,
            })
          },
        )
      }
    },
    async schedule(job, cron, envelope) {
      await queueOf(job)
      await boss.schedule(job.name, cron, envelope, retryOf(job))
    },
    async deadLetters(job) {
      await queueOf(job)
      const { rows } = await boss
        .getDb()
        .executeSql(
          `SELECT id, data, output FROM ${schema}.job WHERE name = $1 AND state = 'created' ORDER BY created_on`,
          [deadQueue(job)],
        )
      return rows.map(
        (row: {
          id: string
          data: JobEnvelope
          output: { message?: string } | null
        }): DeadLetter => ({
          id: row.id,
          envelope: row.data,
          error: row.output?.message,
        }),
      )
    },
    async close(timeout) {
      // Never started, or its start failed: there is nothing to stop.
      const started = await starting?.then(
        () => true,
        () => false,
      )
      if (!started) return
      // Waits up to `timeout` for the jobs in hand, then fails the rest into a retry.
      await boss.stop({ graceful: true, timeout, wait: true, close: true })
    },
  }
}

/** `promise`, calling `forget` when it rejects, so the next caller tries again rather than fail with it. */
function forgetFailure<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  return promise.catch((error: unknown) => {
    forget()
    throw error
  })
}

function deadQueue(job: JobDefinition): string {
  return `${job.name}.dead`
}

function retryOf(job: JobDefinition) {
  return {
    retryLimit: job.retry.attempts - 1,
    retryDelay: Math.ceil(job.retry.delay / 1000),
    retryBackoff: job.retry.backoff === 'exponential',
    expireInSeconds: Math.max(1, Math.ceil(job.timeout / 1000)),
  }
}

/** A UUID (version 5's layout) derived from the job's name and the key: the same key, the same id. */
function uuidOf(name: string, key: string): string {
  const bytes = createHash('sha1').update(`${name}\0${key}`).digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
