import { passwords } from '@sluice/auth/node'
import { nodeWebSocket } from '@sluice/core/node'
import { prometheusMetrics } from '@sluice/metrics'
import { rateLimitedBy } from '@sluice/rate-limit'
import { WebSocketServer } from 'ws'
import { type ConnectOptions, connect } from './db/connect'
import { type Logger, logger, packageLogger } from './logging'
import type { Platform } from './platform'

/**
 * The todo API's platform on Node: the database `url` names (SQLite file by
 * default, libSQL or PostgreSQL), scrypt passwords,
 * WebSockets on `ws` (a refused handshake gets its whole answer), and, when
 * `redisUrl` is given, rate limits and the live feed in Redis, so every instance shares them (Redis's outages
 * are reported to `log`). The Redis client is imported only then, so a
 * process without Redis does not load it at start-up.
 *
 * @example
 * ```ts
 * const platform = await nodePlatform(settings.DATABASE_URL, {}, settings.REDIS_URL, log)
 * const app = createTodoApp(settings, platform, log)
 * ```
 */
export async function nodePlatform(
  url: string,
  options: ConnectOptions = {},
  redisUrl?: string,
  log: Logger = logger('warn'),
): Promise<Platform> {
  const wss = new WebSocketServer({ noServer: true })
  return {
    openDatabase: () => connect(url, options),
    passwords,
    websocket: (app) => nodeWebSocket(app, wss),
    // ws counts its open sockets itself (clientTracking is on by default).
    metrics: () => prometheusMetrics({ rateLimitedBy, openWebSockets: () => wss.clients.size }),
    ...(redisUrl && (await import('./redis-platform')).redisPlatform(redisUrl, packageLogger(log))),
  }
}
