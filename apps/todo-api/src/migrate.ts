// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (start-up does it too).
import { migrateDatabase } from './db/database'
import { loadSettings } from './settings'

const { DATABASE_URL } = loadSettings()
migrateDatabase(DATABASE_URL)
console.log(`Migrated ${DATABASE_URL}`)
