import { passwords } from '@sluice/auth/node'
import { nodeWebSocket } from '@sluice/core/node'
import { swaggerUIDist } from '@sluice/core/swagger-ui-dist'
import { redisStore } from '@sluice/rate-limit'
import { redisEventLog, redisRoomsBackend } from '@sluice/redis'
import { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import { type ConnectOptions, connect } from './db/connect'
import { REPLAYED } from './live'
import type { Platform } from './platform'

/**
 * The todo API's platform on Node: the database `url` names (SQLite file by
 * default, libSQL or PostgreSQL), scrypt passwords,
 * WebSockets on `ws` (a refused handshake gets its whole answer), Swagger
 * UI's files from swagger-ui-dist, and, when `redisUrl` is given, rate limits
 * and the live feed in Redis, so every instance shares them.
 *
 * @example
 * ```ts
 * const app = createTodoApp(settings, nodePlatform(settings.DATABASE_URL, {}, settings.REDIS_URL))
 * ```
 */
export function nodePlatform(
  url: string,
  options: ConnectOptions = {},
  redisUrl?: string,
): Platform {
  return {
    openDatabase: () => connect(url, options),
    passwords,
    websocket: (app) => nodeWebSocket(app, new WebSocketServer({ noServer: true })),
    swaggerUIAssets: swaggerUIDist(),
    ...(redisUrl && redisPlatform(new Redis(redisUrl))),
  }
}

/**
 * What the instances share through one Redis client. While Redis is away, rate
 * limits count in memory, live clients are told to reconnect and changes wait
 * (bounded) to be sent; each is logged once.
 */
function redisPlatform(redis: Redis): Pick<Platform, 'rateLimitStore' | 'live'> {
  const prefix = 'todo-api'
  // ioredis reconnects by itself; its errors are the outage each part reports.
  redis.on('error', () => {})
  return {
    rateLimitStore: redisStore(redis, { prefix }),
    live: {
      rooms: redisRoomsBackend(redis, { prefix }),
      events: redisEventLog(redis, { prefix, retain: REPLAYED }),
    },
  }
}
