import { defineConfig } from 'drizzle-kit'

// `pnpm db:generate` also writes the PostgreSQL twin of each migration into ./drizzle/postgres.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.pg.ts',
  out: './drizzle/postgres',
})
