/*
 * The todo API on Bun: `bun src/bun.ts`. The database is libSQL (Bun cannot
 * load better-sqlite3): a SQLite file path in DATABASE_URL is opened as a
 * `file:` URL, so the same file works with the Node entry too.
 */
import { createBunWebSocket } from 'hono/bun'
import { libsqlTodoApp } from './libsql-entry'

/** The slice of Bun's API this file uses (bun-types would clash with @types/node's globals). */
declare const Bun: {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request, server: unknown) => Response | Promise<Response>
    websocket: unknown
  }): { readonly url: URL; stop(closeActiveConnections?: boolean): Promise<void> }
}

const { upgradeWebSocket, websocket } = createBunWebSocket()
const { app, settings, log } = await libsqlTodoApp({
  websocket: { upgradeWebSocket },
})
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
