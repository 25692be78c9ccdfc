// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (start-up does it too).
import { migrateDatabase } from './db/connect'
import { loadSettings } from './settings'

const { DATABASE_URL } = loadSettings()
await migrateDatabase(DATABASE_URL)
console.log(`Migrated ${DATABASE_URL}`)
