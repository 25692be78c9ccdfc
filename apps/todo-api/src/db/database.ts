import { fileURLToPath } from 'node:url'
import { depends, HTTPException } from '@sluice/core'
import { migrate, openSqlite, type SQLiteDatabase } from '@sluice/db/sqlite'
import type { Logger } from '../logging'
import * as schema from './schema'

/** The SQL migrations drizzle-kit generates from `schema.ts` (`pnpm db:generate`). */
export const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url))

export type Database = SQLiteDatabase<typeof schema>

/**
 * The app's database, opened and migrated on first use and closed at shutdown.
 * A database that cannot be opened answers 503 (and is tried again by the next
 * request) rather than a bare 500.
 */
export function database(url: string, log: Logger) {
  return depends(
    function* () {
      let db: Database
      try {
        db = openSqlite({ url, schema, migrations: MIGRATIONS })
      } catch (error) {
        log.error('Could not open the database', error)
        throw new HTTPException(503, 'Database unavailable', { 'Retry-After': '5' })
      }
      try {
        yield db
      } finally {
        db.$client.close()
      }
    },
    { scope: 'app', name: 'database' },
  )
}

/** Applies pending migrations to the database at `url` (safe to run from several processes at once). */
export function migrateDatabase(url: string): void {
  const db = openSqlite({ url })
  try {
    migrate(db, MIGRATIONS)
  } finally {
    db.$client.close()
  }
}
