/*
 * The todo API on Bun: `bun src/bun.ts`. The database is libSQL (Bun cannot
 * load better-sqlite3): a SQLite file path in DATABASE_URL is opened as a
 * `file:` URL, so the same file works with the Node entry too.
 */
import { passwords } from '@sluice/auth/node'
import { createBunWebSocket, getConnInfo } from 'hono/bun'
import { createTodoApp } from './app'
import { connect, migrateDatabase } from './db/connect'
import { asLibsqlUrl } from './db/libsql-url'
import { logger } from './logging'
import { loadSettings } from './settings'

/** The slice of Bun's API this file uses (bun-types would clash with @types/node's globals). */
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request, server: unknown) => Response | Promise<Response>
    websocket: unknown
  }): { readonly url: URL; stop(closeActiveConnections?: boolean): Promise<void> }
}

const settings = loadSettings()
const log = logger(settings.LOG_LEVEL)
const url = asLibsqlUrl(settings.DATABASE_URL)
await migrateDatabase(url)
const { upgradeWebSocket, websocket } = createBunWebSocket()
const app = createTodoApp(
  settings,
  {
    openDatabase: () => connect(url),
    passwords,
    clientAddress: (c) => getConnInfo(c).remote.address,
    websocket: { upgradeWebSocket },
  },
  log,
)
const server = Bun.serve({
  port: settings.PORT,
  hostname: settings.HOST,
  fetch: (request, bunServer) => app.fetch(request, bunServer),
  websocket,
})
log.info('listening', { url: server.url.origin })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await server.stop()
    await app.shutdown()
    process.exit(0)
  })
}
