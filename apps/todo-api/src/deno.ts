/*
 * The todo API on Deno: `deno run -A --sloppy-imports src/deno.ts` (sloppy
 * imports: this code imports without file extensions, as on Node and Bun). The
 * database is libSQL (Deno cannot load better-sqlite3): a SQLite file path in
 * DATABASE_URL is opened as a `file:` URL, so the same file works with Node too.
 */
import { upgradeWebSocket } from 'hono/deno'
import { libsqlTodoApp } from './libsql-entry'

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

const { app, settings, log } = await libsqlTodoApp({
  websocket: { upgradeWebSocket },
})
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
