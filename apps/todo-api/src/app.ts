import { createApp, serveDocs } from '@sluice/core'
import { dbExceptionHandlers } from '@sluice/db'
import { memoryEngine } from '@sluice/jobs'
import { jobTracing, tracing } from '@sluice/tracing'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { compression } from './compression'
import { database } from './db/database'
import { graphqlRoutes } from './graphql'
import { mailer } from './jobs'
import { TodoFeed } from './live'
import { type Logger, logger, requestLog } from './logging'
import type { Platform } from './platform'
import { rateLimits } from './rate-limit'
import { authRoutes } from './routes/auth'
import { healthRoutes } from './routes/health'
import { liveRoutes } from './routes/live'
import { todoRoutes } from './routes/todos'
import { userRoutes } from './routes/users'
import { accessTokens, currentUser, queryToken } from './security'
import type { Settings } from './settings'

/**
 * Builds the todo API from its settings and its runtime's platform: everything
 * that depends on configuration (database, token keys, CORS, docs) is made
 * here, once. The same code serves Node, Workers, Bun and Deno.
 */
export function createTodoApp(
  settings: Settings,
  platform: Platform,
  log: Logger = logger(settings.LOG_LEVEL),
) {
  const db = database(platform.openDatabase, log)
  const { passwords } = platform
  const tokens = accessTokens(settings)
  const user = currentUser(tokens, db)
  const liveUser = currentUser(tokens, db, queryToken)
  const feed = new TodoFeed(platform.live)
  const limits = rateLimits(settings, user, log, platform.rateLimitStore)
  const metrics = appMetrics(settings, platform, log)
  const mail = mailer(db, {
    engine: () =>
      (settings.JOBS_ENGINE === 'memory'
        ? undefined
        : platform.jobEngine?.(settings.JOBS_ENGINE)) ?? memoryEngine(),
    settings,
    observers: [jobTracing(), ...(metrics ? [metrics.jobs] : [])],
    log,
  })
  const origins = settings.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)

  const app = createApp({
    title: 'Todo API',
    version: '1.0.0',
    description: 'Register, log in with the OAuth2 password flow, and keep your own todos.',
    tags: [
      { name: 'auth', description: 'Accounts and tokens' },
      { name: 'users', description: 'Your account' },
      { name: 'todos', description: 'Your todos' },
      { name: 'health', description: 'Liveness and readiness probes' },
    ],
    openapi: settings.DOCS_ENABLED ? '/openapi.json' : false,
    docs: settings.DOCS_ENABLED ? '/docs' : false,
    // Named, not left to the default, so the Workers entry serves the docs too.
    serveDocs,
    bodyLimit: 64 * 1024,
    logger: log,
    exceptionHandlers: dbExceptionHandlers,
    middleware: [
      // First, so the request's span covers the rest; records nothing until a tracer provider is registered.
      tracing(),
      ...(metrics ? [metrics.middleware] : []),
      requestId(),
      requestLog(log),
      ...(settings.COMPRESSION_ENABLED ? [compression()] : []),
      secureHeaders(),
      // Without allowed origins there is nothing to tell browsers: same-origin is their default.
      ...(origins.length
        ? [
            cors({
              origin: origins,
              credentials: false,
              exposeHeaders: ['Location', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
            }),
          ]
        : []),
    ],
    ...(platform.websocket ? { websocket: platform.websocket } : {}),
    routes: [
      ...healthRoutes({ db, log }),
      authRoutes({
        db,
        currentUser: user,
        tokens,
        limits,
        settings,
        passwords,
        mailer: mail,
        log,
      }),
      userRoutes({ db, currentUser: user, passwords, writes: limits.writes, log }),
      // Before todoRoutes, so /todos/events is not read as /todos/:id.
      ...liveRoutes({ feed, liveUser }),
      todoRoutes({ db, currentUser: user, feed, writes: limits.writes, mailer: mail }),
      graphqlRoutes({
        db,
        currentUser: user,
        feed,
        writes: limits.writes,
        mailer: mail,
        graphiql: settings.GRAPHIQL_ENABLED,
        log,
      }),
    ],
  })
  // For Prometheus, not for API clients: not an operation of the OpenAPI document.
  if (metrics) app.get('/metrics', metrics.serve)
  return app
}

/** The platform's Prometheus metrics when METRICS_ENABLED is on; a warning where the runtime has none. */
function appMetrics(settings: Settings, platform: Platform, log: Logger) {
  if (!settings.METRICS_ENABLED) return undefined
  if (!platform.metrics)
    log.warn('METRICS_ENABLED is set, but this runtime has no metrics (Node only)')
  return platform.metrics?.()
}

export type TodoApp = ReturnType<typeof createTodoApp>
