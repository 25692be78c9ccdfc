import { passwords } from '@sluice/auth/node'
import { nodeWebSocket } from '@sluice/core/node'
import { WebSocketServer } from 'ws'
import { type ConnectOptions, connect } from './db/connect'
import { type Logger, logger, packageLogger } from './logging'
import type { Platform } from './platform'
import type { Settings } from './settings'

/** What {@link nodePlatform} reads from the settings. */
export type NodePlatformSettings = Pick<Settings, 'DATABASE_URL' | 'REDIS_URL' | 'METRICS_ENABLED'>

/**
 * The todo API's platform on Node: the database `DATABASE_URL` names (SQLite
 * file by default, libSQL or PostgreSQL, opened with `connectOptions`), scrypt
 * passwords, WebSockets on `ws` (a refused handshake gets its whole answer),
 * Prometheus metrics when `METRICS_ENABLED` is on, and, when `REDIS_URL` is
 * given, rate limits and the live feed in Redis, so every instance shares them
 * (Redis's outages are reported to `log`). The metrics and Redis clients are
 * imported only when asked for, so a process without them does not load them
 * at start-up.
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
