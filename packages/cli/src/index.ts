export { dev } from './dev'
export type { DevServerOptions } from './dev-server'
export { ENTRY_CANDIDATES, findEntry } from './entry'
export { loadApp } from './load-app'
export { writeOpenAPI } from './openapi'
export { formatRoutes, listRoutes, type RouteRow } from './routes'
export { type RunOptions, run } from './run'
export { UsageError } from './usage-error'
export {
  drainAndExit,
  restartDelay,
  runWorkers,
  type WorkersLogger,
  type WorkersOptions,
  whenStopRequested,
} from './workers'
