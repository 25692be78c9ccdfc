import type { AnyD1Database } from 'drizzle-orm/d1'
import { dbErrorKind } from './errors'

/** One SQL migration file: its file name (what wrangler records) and its text. */
export interface D1Migration {
  /** The file name, e.g. `0000_users.sql`: wrangler records applied migrations by it. */
  readonly name: string
  /** The file's SQL; drizzle-kit's `--> statement-breakpoint` lines separate statements. */
  readonly sql: string
}

/** The table and layout `wrangler d1 migrations apply` uses, so both agree on what was applied. */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`

const BREAKPOINT = '--> statement-breakpoint'

/**
 * Applies the migrations not yet recorded in the `d1_migrations` table, in the
 * given order, and records them there as `wrangler d1 migrations apply` does
 * (so either can apply the next one). Each migration runs in one D1 batch, which
 * is atomic: a failing statement leaves neither its changes nor its record.
 * Returns the names it applied; running it again applies nothing.
 *
 * Safe when several isolates migrate at once: a migration is recorded first in
 * its batch, so a second run of it fails on the record's unique name and rolls
 * back, and is skipped.
 *
 * @example
 * ```ts
 * // The SQL files drizzle-kit generated; wrangler bundles `.sql` imports as text.
 * import users from '../drizzle/0000_users.sql'
 * import notes from '../drizzle/0001_notes.sql'
 *
 * await applyD1Migrations(env.DB, [
 *   { name: '0000_users.sql', sql: users },
 *   { name: '0001_notes.sql', sql: notes },
 * ])
 * ```
 */
export async function applyD1Migrations(
  binding: AnyD1Database,
  migrations: readonly D1Migration[],
): Promise<string[]> {
  await binding.prepare(CREATE_TABLE).run()
  const { results } = await binding.prepare('SELECT name FROM d1_migrations').all()
  const recorded = new Set(results.map((row: { name: string }) => row.name))
  const applied: string[] = []
  for (const migration of migrations) {
    if (recorded.has(migration.name)) continue
    if (await applyOne(binding, migration)) applied.push(migration.name)
  }
  return applied
}

/** Applies one migration and records it; `false` if another run recorded it first. */
async function applyOne(binding: AnyD1Database, { name, sql }: D1Migration): Promise<boolean> {
  const statements = sql
    .split(BREAKPOINT)
    .map((statement) => statement.trim())
    .filter(Boolean)
  try {
    await binding.batch([
      binding.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(name),
      ...statements.map((statement) => binding.prepare(statement)),
    ])
    return true
  } catch (error) {
    if (dbErrorKind(error) === 'unique' && String(error).includes('d1_migrations.name'))
      return false
    throw error
  }
}
