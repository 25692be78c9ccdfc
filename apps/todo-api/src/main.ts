import cluster from 'node:cluster'
import { drainAndExit, runWorkers, whenStopRequested } from '@sluice/cli'
import { serve } from '@sluice/core/node'
import { createTodoApp } from './app'
import { migrateDatabase } from './db/connect'
import { loadNodeSettings } from './env-file'
import { logger } from './logging'
import { nodePlatform } from './node'

const settings = loadNodeSettings()
const log = logger(settings.LOG_LEVEL)

if (cluster.isPrimary && settings.WORKERS > 1) {
  // Migrate once, before any worker opens the database.
  await migrateDatabase(settings.DATABASE_URL)
  // A scrape reaches one worker, which asks the primary for every worker's series added up.
  if (settings.METRICS_ENABLED) (await import('@sluice/metrics')).aggregateWorkerMetrics()
  // One secret for all: with a random one each, a worker would refuse the others' tokens.
  const env = settings.JWT_SECRET ? { JWT_SECRET: settings.JWT_SECRET } : {}
  runWorkers({ workers: settings.WORKERS, env, log })
} else {
  // In a worker the primary decides when to stop (see @sluice/cli's runWorkers).
  const stopRequested = cluster.isWorker ? whenStopRequested() : undefined
  // Migrate before accepting traffic, so a database that cannot be opened fails the start.
  if (cluster.isPrimary) await migrateDatabase(settings.DATABASE_URL)
  const app = createTodoApp(settings, await nodePlatform(settings, {}, log), log)
  const server = await serve(app, {
    port: settings.PORT,
    hostname: settings.HOST,
    logger: log,
    onListen: ({ url, docsUrl }) =>
      log.info('listening', { url, docs: docsUrl, ...(cluster.isWorker && { pid: process.pid }) }),
    ...(stopRequested && { signals: false }),
  })
  void stopRequested?.then(() => drainAndExit(server, log))
}
