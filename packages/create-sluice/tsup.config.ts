import { defineConfig } from 'tsup'

/** One executable: the bin. The templates are written beside it by scripts/build-templates.ts. */
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  target: 'es2022',
  clean: true,
})
