import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { UsageError } from './usage-error'

/**
 * The files `sluice dev`, `run`, `openapi` and `routes` try, in this order,
 * when no entry is given, each as `.ts`, `.mts`, `.js` or `.mjs` (as
 * `fastapi dev` tries `main.py`, then `app.py`).
 */
export const ENTRY_CANDIDATES = [
  'src/main',
  'src/app',
  'src/index',
  'main',
  'app',
  'index',
] as const

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const

/**
 * The absolute path of the module that exports the app: `given`, resolved
 * against `cwd`, or the first of {@link ENTRY_CANDIDATES} that exists there.
 *
 * @throws {UsageError} when `given` does not exist, or no candidate does.
 *
 * @example
 * ```ts
 * findEntry(process.cwd()) // '/home/ada/api/src/main.ts'
 * findEntry(process.cwd(), 'server.ts') // '/home/ada/api/server.ts'
 * ```
 */
export function findEntry(cwd: string, given?: string): string {
  if (given !== undefined) {
    const file = resolve(cwd, given)
    if (!existsSync(file)) throw new UsageError(`No such file: ${given}`)
    return file
  }
  for (const candidate of ENTRY_CANDIDATES) {
    for (const extension of EXTENSIONS) {
      const file = resolve(cwd, candidate + extension)
      if (existsSync(file)) return file
    }
  }
  const tried = ENTRY_CANDIDATES.map((candidate) => `${candidate}.ts`).join(', ')
  throw new UsageError(
    `No app found in ${relative(process.cwd(), cwd) || '.'}: name its file (sluice dev src/server.ts), or put it in one of ${tried}`,
  )
}
