import { defineConfig } from 'drizzle-kit'

// `pnpm db:generate` writes a new SQL migration into ./drizzle/sqlite after a schema change.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle/sqlite',
})
