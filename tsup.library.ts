import { defineConfig, type Options } from 'tsup'

/** How every published package builds: ESM with declarations, for Node 20+ and edge runtimes. */
export function library(entry: NonNullable<Options['entry']>) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    // Keep `node:` imports as written: Deno and Workers' nodejs_compat resolve only the prefixed form.
    removeNodeProtocol: false,
  })
}
