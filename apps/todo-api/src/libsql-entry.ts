import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { passwords } from '@sluice/auth/node'
import { createTodoApp } from './app'
import { asLibsqlUrl, connect, migrateDatabase } from './db/connect'
import { logger } from './logging'
import type { Platform } from './platform'
import { loadSettings } from './settings'

/**
 * The start shared by the Bun and Deno entries: settings, the database
 * (libSQL, since neither runtime loads better-sqlite3; its folder created
 * and migrated before traffic), scrypt passwords (both runtimes implement
 * `node:crypto`'s scrypt), and the app; the runtime gives what only it
 * knows — its WebSocket upgrade.
 *
 * @example
 * ```ts
 * const { app, settings, log } = await libsqlTodoApp({ websocket: { upgradeWebSocket } })
 * ```
 */
export async function libsqlTodoApp(runtime: Pick<Platform, 'websocket'>) {
  const settings = loadSettings()
  const log = logger(settings.LOG_LEVEL)
  const url = asLibsqlUrl(settings.DATABASE_URL)
  if (isLocalPath(settings.DATABASE_URL, url)) {
    // As the Node entry does: libSQL will not create a missing folder.
    mkdirSync(dirname(settings.DATABASE_URL), { recursive: true })
  }
  await migrateDatabase(url)
  const app = createTodoApp(
    settings,
    { openDatabase: () => connect(url), passwords, ...runtime },
    log,
  )
  return { app, settings, log }
}

/** Whether the setting was a SQLite file path, made a `file:` URL, rather than a URL or `:memory:`. */
function isLocalPath(setting: string, url: string): boolean {
  return url !== setting && setting !== ':memory:'
}
