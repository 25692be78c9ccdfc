import { defineConfig } from 'vitest/config'

/** Workspace packages resolve to their TypeScript sources, so tests need no build. */
const conditions = ['@sluice/source']
/** Tests run on Node: Vite's own default for the server side, which naming conditions replaces. */
const serverConditions = [...conditions, 'node']

/**
 * The todo-api suite runs a second time on PostgreSQL when a server is given
 * (`export TEST_DATABASE_URL=$(bash .ci/postgres)`); CI always gives one.
 */
const postgres = process.env.TEST_DATABASE_URL
if (!postgres && process.env.CI)
  throw new Error('CI runs the PostgreSQL tests: set TEST_DATABASE_URL')
if (postgres && !/^postgres(ql)?:\/\//.test(postgres))
  throw new Error(`TEST_DATABASE_URL must be a postgres:// URL, not ${JSON.stringify(postgres)}`)
if (!postgres) {
  console.warn(
    'Skipping the todo-api suite on PostgreSQL: TEST_DATABASE_URL is not set. ' +
      'Run `export TEST_DATABASE_URL=$(bash .ci/postgres)` (installs and starts PostgreSQL) to include it.',
  )
}

/**
 * The rate limit suite runs on Redis too when a server is given
 * (`export TEST_REDIS_URL=$(bash .ci/redis)`); CI always gives one.
 */
const redis = process.env.TEST_REDIS_URL
if (!redis && process.env.CI) throw new Error('CI runs the Redis tests: set TEST_REDIS_URL')
if (redis && !/^rediss?:\/\//.test(redis))
  throw new Error(`TEST_REDIS_URL must be a redis:// URL, not ${JSON.stringify(redis)}`)

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    // CI is a loaded 2-core machine: a limit is a safety net against a hang, never a measure.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'apps/*/{src,test}/**/*.test-d.ts'],
      tsconfig: './tsconfig.typecheck.json',
    },
    reporters: ['default', 'json'],
    outputFile: { json: '.test-reports/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/*/{src,test}/**/*.test.ts',
            'docs/*.test.ts',
            'docs/examples/**/*.test.ts',
            'docs/tutorial/**/*.test.ts',
            'runtime-tests/**/*.test.ts',
            'bench/src/**/*.test.ts',
          ],
        },
      },
      {
        // The published packages from a real registry (release-tests/): minutes of npm installs.
        extends: true,
        test: {
          name: 'release',
          include: ['release-tests/src/**/*.test.ts'],
          typecheck: { enabled: false },
        },
      },
      ...(postgres
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: ['apps/todo-api/test/**/*.test.ts'],
                // The server test is about the process, not the database.
                exclude: ['apps/todo-api/test/server.test.ts'],
                typecheck: { enabled: false },
                env: { TODO_TEST_DATABASE: 'postgres' },
              },
            },
          ]
        : []),
    ],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/index.ts', '**/fixtures/**', '**/types.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        'packages/core/src/**': { lines: 90 },
      },
    },
  },
})
