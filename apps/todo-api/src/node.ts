import { passwords } from '@sluice/auth/node'
import { nodeWebSocket } from '@sluice/core/node'
import { swaggerUIDist } from '@sluice/core/swagger-ui-dist'
import { redisStore } from '@sluice/rate-limit'
import { Redis } from 'ioredis'
import { WebSocketServer } from 'ws'
import { type ConnectOptions, connect } from './db/connect'
import type { Platform } from './platform'

/**
 * The todo API's platform on Node: the database `url` names (SQLite file by
 * default, libSQL or PostgreSQL), scrypt passwords,
 * WebSockets on `ws` (a refused handshake gets its whole answer), Swagger
 * UI's files from swagger-ui-dist, and rate limits in Redis when `redisUrl` is given.
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
    // Shared by every instance; while Redis is away each counts in memory and logs it once.
    ...(redisUrl && { rateLimitStore: redisStore(new Redis(redisUrl), { prefix: 'todo-api' }) }),
  }
}
