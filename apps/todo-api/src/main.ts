import { serve } from '@sluice/core/node'
import { createTodoApp } from './app'
import { migrateDatabase } from './db/connect'
import { loadNodeSettings } from './env-file'
import { logger } from './logging'
import { nodePlatform } from './node'

const settings = loadNodeSettings()
const log = logger(settings.LOG_LEVEL)
// Migrate before accepting traffic, so a database that cannot be opened fails the start.
await migrateDatabase(settings.DATABASE_URL)
const app = createTodoApp(
  settings,
  nodePlatform(settings.DATABASE_URL, {}, settings.REDIS_URL),
  log,
)
const server = await serve(app, { port: settings.PORT, hostname: settings.HOST, logger: log })
log.info('listening', {
  url: server.url,
  docs: settings.DOCS_ENABLED ? `${server.url}/docs` : undefined,
})
