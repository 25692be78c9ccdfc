import { passwords } from '@sluice/auth/node'
import { nodeWebSocket } from '@sluice/core/node'
import { WebSocketServer } from 'ws'
import { type ConnectOptions, connect } from './db/connect'
import { type Logger, logger, packageLogger } from './logging'
import type { Platform } from './platform'
import type { Settings } from './settings'

const POSTGRES_URL = /^postgres(ql)?:\/\//

/** What {@link nodePlatform} reads from the settings. */
export type NodePlatformSettings = Pick<Settings, 'DATABASE_URL' | 'REDIS_URL' | 'METRICS_ENABLED'>

/**
 * The todo API's platform on Node: the database `DATABASE_URL` names (SQLite
 * file by default, libSQL or PostgreSQL, opened with `connectOptions`), scrypt
 * passwords, WebSockets on `ws` (a refused handshake gets its whole answer),
 * Prometheus metrics when `METRICS_ENABLED` is on, and, when `REDIS_URL` is
 * given, rate limits and the live feed in Redis, so every instance shares them
 * (Redis's outages are reported to `log`); background jobs in BullMQ on that Redis or
 * pg-boss on PostgreSQL. The metrics, Redis and job engine clients are imported
 * only when asked for, so a process without them does not load them at start-up.
 *
 * @example
 * ```ts
 * const platform = await nodePlatform(settings, {}, log)
 * const app = createTodoApp(settings, platform, log)
 * ```
 */
export async function nodePlatform(
  settings: NodePlatformSettings,
  connectOptions: ConnectOptions = {},
  log: Logger = logger('warn'),
): Promise<Platform> {
  const wss = new WebSocketServer({ noServer: true })
  const { DATABASE_URL, REDIS_URL, METRICS_ENABLED } = settings
  return {
    openDatabase: () => connect(DATABASE_URL, connectOptions),
    passwords,
    websocket: (app) => nodeWebSocket(app, wss),
    ...(METRICS_ENABLED && (await metricsPlatform(() => wss.clients.size))),
    ...(REDIS_URL &&
      (await import('./redis-platform')).redisPlatform(REDIS_URL, packageLogger(log))),
    ...(await jobsPlatform(DATABASE_URL, connectOptions, REDIS_URL, log)),
  }
}

/**
 * The jobs' engine for `JOBS_ENGINE`'s choice: BullMQ on the app's Redis, or pg-boss on its
 * PostgreSQL database (its tables in the schema `searchPath` names, when one does, else
 * `pgboss`); none for SQLite without Redis, which leaves the jobs in this process's memory.
 */
async function jobsPlatform(
  databaseUrl: string,
  options: ConnectOptions,
  redisUrl: string | undefined,
  log: Logger,
): Promise<Pick<Platform, 'jobEngine'>> {
  const postgres = POSTGRES_URL.test(databaseUrl)
  if (!redisUrl && !postgres) return {}
  const [bullmq, redis, pgBoss] = await Promise.all([
    redisUrl ? import('@sluice/jobs/bullmq') : undefined,
    redisUrl ? import('@sluice/redis') : undefined,
    postgres ? import('@sluice/jobs/pg-boss') : undefined,
  ])
  return {
    jobEngine: (choice) => {
      // As the app's other Redis client: an enqueue Redis does not take within half a second
      // fails (and is logged) rather than holding the request that planned it.
      if (bullmq && redis && redisUrl && choice !== 'pg-boss')
        return bullmq.bullmqEngine({
          url: redisUrl,
          prefix: 'todo-api',
          producer: { commandTimeout: 500 },
          enqueueTimeout: 500,
          onError: redis.reportErrorsOnce(packageLogger(log), 'jobs on Redis'),
        })
      if (pgBoss && choice !== 'bullmq')
        return pgBoss.pgBossEngine({ url: databaseUrl, schema: options.searchPath ?? 'pgboss' })
      return undefined
    },
  }
}

async function metricsPlatform(openWebSockets: () => number): Promise<Pick<Platform, 'metrics'>> {
  const [{ prometheusMetrics }, { rateLimitedBy }] = await Promise.all([
    import('@sluice/metrics'),
    import('@sluice/rate-limit'),
  ])
  // ws counts its open sockets itself (clientTracking is on by default).
  return { metrics: () => prometheusMetrics({ rateLimitedBy, openWebSockets }) }
}
