/*
 * The todo API on Deno: `deno run -A --sloppy-imports src/deno.ts` (sloppy
 * imports: this code imports without file extensions, as on Node and Bun). The
 * database is libSQL (Deno cannot load better-sqlite3): a SQLite file path in
 * DATABASE_URL is opened as a `file:` URL, so the same file works with Node too.
 */
import { passwords } from '@sluice/auth/node'
import { getConnInfo, upgradeWebSocket } from 'hono/deno'
import { createTodoApp } from './app'
import { connect, migrateDatabase } from './db/connect'
import { asLibsqlUrl } from './db/libsql-url'
import { logger } from './logging'
import { loadSettings } from './settings'

/** The slice of Deno's API this file uses (Deno's own types would clash with @types/node's globals). */
declare const Deno: {
  serve(
    options: {
      port: number
      hostname: string
      onListen(address: { hostname: string; port: number }): void
    },
    handler: (request: Request, info: unknown) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> }
  addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void
  exit(code: number): never
}

const settings = loadSettings()
const log = logger(settings.LOG_LEVEL)
const url = asLibsqlUrl(settings.DATABASE_URL)
await migrateDatabase(url)
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
const server = Deno.serve(
  {
    port: settings.PORT,
    hostname: settings.HOST,
    onListen: ({ hostname, port }) => log.info('listening', { url: `http://${hostname}:${port}` }),
  },
  (request, info) => app.fetch(request, info),
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  Deno.addSignalListener(signal, async () => {
    await server.shutdown()
    await app.shutdown()
    Deno.exit(0)
  })
}
