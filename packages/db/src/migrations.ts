import type { MigrationConfig } from 'drizzle-orm/migrator'

/** Where migrations are: the folder drizzle-kit generated them into, or drizzle's full migrator config. */
export type MigrationsOption = string | MigrationConfig

/**
 * drizzle's migrator config for a {@link MigrationsOption}.
 *
 * @example
 * ```ts
 * migrationConfig('drizzle') // { migrationsFolder: 'drizzle' }
 * ```
 */
export function migrationConfig(migrations: MigrationsOption): MigrationConfig {
  return typeof migrations === 'string' ? { migrationsFolder: migrations } : migrations
}
