// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (start-up does it too).
import { migrateDatabase } from './db/connect'
import { loadNodeSettings } from './env-file'

const { DATABASE_URL } = loadNodeSettings()
await migrateDatabase(DATABASE_URL)
console.log(`Migrated ${DATABASE_URL}`)
