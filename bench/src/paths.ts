/** Where the bench keeps its sources, bundles and scratch files. */
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const DIST_DIR = `${BENCH_DIR}dist/`
