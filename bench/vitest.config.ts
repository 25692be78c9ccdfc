import { defineConfig } from 'vitest/config'

/** The bench's own unit tests (`pnpm --filter bench test`): fast, deterministic, no timing. */
export default defineConfig({ test: { include: ['src/**/*.test.ts'] } })
