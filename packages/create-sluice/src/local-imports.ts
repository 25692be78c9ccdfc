import { readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'

const RELATIVE_SPECIFIER = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g
const EXTENSIONS = ['', '.ts', '.tsx', '.js', '/index.ts']

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false

/** The files a relative import specifier may name, in the order TypeScript's bundler resolution tries. */
function candidates(from: string, specifier: string): string[] {
  const base = resolve(dirname(from), specifier)
  return EXTENSIONS.map((extension) => base + extension)
}

/**
 * Whether `file`, and every file it imports by a relative path (transitively), lies inside
 * `root`. A test of the todo app that reaches into another workspace package's fixtures
 * (`../../../packages/…`) cannot run in a project of its own.
 *
 * @example
 * ```ts
 * importsStayInside('/repo/apps/todo-api', '/repo/apps/todo-api/test/users.test.ts') // true
 * ```
 */
export function importsStayInside(root: string, file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return true
  seen.add(file)
  if (relative(root, file).startsWith('..')) return false
  if (!/\.tsx?$/.test(file)) return true
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE_SPECIFIER)) {
    const target = candidates(file, specifier!).find(
      (path) => relative(root, path).startsWith('..') || isFile(path),
    )
    // An import that resolves nowhere is the compiler's to report, not ours.
    if (target && !importsStayInside(root, target, seen)) return false
  }
  return true
}
