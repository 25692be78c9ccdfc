import { createNodeWebSocket } from '@hono/node-ws'
import { createApp } from '@sluice/core'
import { sqliteExceptionHandlers } from '@sluice/db/sqlite'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { database } from './db/database'
import { TodoFeed } from './live'
import { type Logger, logger, requestLog } from './logging'
import { LoginThrottle } from './rate-limit'
import { authRoutes } from './routes/auth'
import { healthRoutes } from './routes/health'
import { liveRoutes } from './routes/live'
import { todoRoutes } from './routes/todos'
import { userRoutes } from './routes/users'
import { accessTokens, currentUser, queryToken } from './security'
import type { Settings } from './settings'

/**
 * Builds the todo API from its settings: everything that depends on
 * configuration (database, token keys, CORS, docs) is made here, once.
 */
export function createTodoApp(settings: Settings, log: Logger = logger(settings.LOG_LEVEL)) {
  const db = database(settings.DATABASE_URL, log)
  const tokens = accessTokens(settings)
  const user = currentUser(tokens, db)
  const liveUser = currentUser(tokens, db, queryToken)
  const feed = new TodoFeed()
  const throttle = new LoginThrottle(settings.LOGIN_MAX_FAILURES, settings.LOGIN_WINDOW)
  const origins = settings.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)

  return createApp({
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
    bodyLimit: 64 * 1024,
    logger: log,
    exceptionHandlers: sqliteExceptionHandlers,
    middleware: [
      requestId(),
      requestLog(log),
      secureHeaders(),
      cors({ origin: origins, credentials: false, exposeHeaders: ['Location', 'Retry-After'] }),
    ],
    websocket: (app) => createNodeWebSocket({ app }),
    routes: [
      ...healthRoutes({ db }),
      authRoutes({ db, tokens, throttle, settings }),
      userRoutes({ db, currentUser: user }),
      // Before todoRoutes, so /todos/events is not read as /todos/:id.
      ...liveRoutes({ feed, liveUser }),
      todoRoutes({ db, currentUser: user, feed }),
    ],
  })
}

export type TodoApp = ReturnType<typeof createTodoApp>
