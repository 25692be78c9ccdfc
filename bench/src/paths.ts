/** Where the bench keeps its sources, bundles and scratch files, and where the report goes. */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const DIST_DIR = `${BENCH_DIR}dist/`
/** The report (`BENCH_OUTPUT`, else bench/RESULTS.md). */
export const OUTPUT_FILE = process.env.BENCH_OUTPUT || `${BENCH_DIR}RESULTS.md`
/** The report's charts, next to it, linked by relative paths. */
export const CHARTS_DIR = `${dirname(OUTPUT_FILE)}/charts/`
