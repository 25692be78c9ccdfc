import { passwords } from '@sluice/auth/node'
import { nodeWebSocket } from '@sluice/core/node'
import { bullmqEngine } from '@sluice/jobs/bullmq'
import { pgBossEngine } from '@sluice/jobs/pg-boss'
import { prometheusMetrics } from '@sluice/metrics'
import { rateLimitedBy, redisStore } from '@sluice/rate-limit'
import { type RedisLogger, redisEventLog, redisRoomsBackend, reportErrorsOnce } from '@sluice/redis'
import { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import { type ConnectOptions, connect } from './db/connect'
import { REPLAYED } from './live'
import { type Logger, logger, packageLogger } from './logging'
import type { Platform } from './platform'

/**
 * The todo API's platform on Node: the database `url` names (SQLite file by
 * default, libSQL or PostgreSQL), scrypt passwords,
 * WebSockets on `ws` (a refused handshake gets its whole answer), and, when
 * `redisUrl` is given, rate limits and the live feed in Redis, so every instance shares them (Redis's outages
 * are reported to `log`).
 *
 * @example
 * ```ts
 * const platform = nodePlatform(settings.DATABASE_URL, {}, settings.REDIS_URL, log)
 * const app = createTodoApp(settings, platform, log)
 * ```
 */
export function nodePlatform(
  url: string,
  options: ConnectOptions = {},
  redisUrl?: string,
  log: Logger = logger('warn'),
): Platform {
  const wss = new WebSocketServer({ noServer: true })
  return {
    openDatabase: () => connect(url, options),
    passwords,
    websocket: (app) => nodeWebSocket(app, wss),
    // ws counts its open sockets itself (clientTracking is on by default).
    metrics: () => prometheusMetrics({ rateLimitedBy, openWebSockets: () => wss.clients.size }),
    jobEngine: (choice) => jobEngine(choice, url, options, redisUrl),
    ...(redisUrl && redisPlatform(redisClient(redisUrl), packageLogger(log))),
  }
}

/**
 * The jobs' engine: BullMQ on the app's Redis, or pg-boss on its PostgreSQL database (its tables
 * in the schema `searchPath` names, when one does, else `pgboss`); `undefined` for SQLite.
 */
function jobEngine(
  choice: 'auto' | 'bullmq' | 'pg-boss',
  url: string,
  options: ConnectOptions,
  redisUrl: string | undefined,
) {
  // As the app's other Redis client: an enqueue Redis does not answer within half a second fails
  // (and is logged) rather than holding the request that planned it.
  if (redisUrl && choice !== 'pg-boss')
    return bullmqEngine({ url: redisUrl, prefix: 'todo-api', producer: { commandTimeout: 500 } })
  if (POSTGRES_URL.test(url) && choice !== 'bullmq')
    return pgBossEngine({ url, schema: options.searchPath ?? 'pgboss' })
  return undefined
}

const POSTGRES_URL = /^postgres(ql)?:\/\//

/**
 * What the instances share through one Redis client. While Redis is away, rate
 * limits count in memory, live clients are told to reconnect and changes wait
 * (bounded) to be sent; each is logged once.
 */
function redisPlatform(redis: Redis, log: RedisLogger): Pick<Platform, 'rateLimitStore' | 'live'> {
  const prefix = 'todo-api'
  redis.on('error', reportErrorsOnce(log, 'Redis'))
  return {
    rateLimitStore: redisStore(redis, { prefix }),
    live: {
      rooms: redisRoomsBackend(redis, { prefix, logger: log }),
      events: redisEventLog(redis, { prefix, retain: REPLAYED, logger: log }),
    },
  }
}

/**
 * A client that never holds a request long: a Redis that is connected but
 * stopped answering (a paused server, a network partition) fails each command
 * after half a second, and the rate limits count in memory meanwhile, instead
 * of every request waiting for it.
 */
function redisClient(url: string): Redis {
  return new Redis(url, { commandTimeout: 500, maxRetriesPerRequest: 1 })
}
