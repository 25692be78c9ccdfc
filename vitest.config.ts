import { defineConfig } from 'vitest/config'

/** Workspace packages resolve to their TypeScript sources, so tests need no build. */
const conditions = ['@sluice/source']

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/*/{src,test}/**/*.test.ts',
      'docs/examples/**/*.test.ts',
    ],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'apps/*/{src,test}/**/*.test-d.ts'],
      tsconfig: './tsconfig.typecheck.json',
    },
    reporters: ['default', 'json'],
    outputFile: { json: '.test-reports/vitest.json' },
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
