import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { Answers } from './prompt'

/** A target folder that already holds files: nothing is written. */
export class FolderNotEmptyError extends Error {}

/**
 * The npm package name for a project folder: its name, lower-cased, with characters npm
 * refuses replaced by `-`.
 *
 * @example
 * ```ts
 * packageName('./My API') // 'my-api'
 * ```
 */
export function packageName(directory: string): string {
  const name = basename(resolve(directory))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '')
  return name || 'sluice-app'
}

/** What the PostgreSQL choice writes to `.env`: the todo app reads `DATABASE_URL` from it. */
export const postgresEnv = (name: string) =>
  `# Your PostgreSQL server; the app creates its tables at start-up.\nDATABASE_URL=postgres://postgres@localhost:5432/${name.replace(/\W/g, '_')}\n`

/**
 * Copies the chosen template from `templates` into `answers.directory` (created; it must be
 * missing or empty), names the package after the folder and, for the todo template on
 * PostgreSQL, writes a `.env` naming the database. Returns the folder's absolute path.
 *
 * @example
 * ```ts
 * scaffold({ directory: 'my-api', template: 'todo', db: 'sqlite' }, templatesDir)
 * ```
 */
export function scaffold(answers: Answers, templates: string): string {
  const target = resolve(answers.directory)
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new FolderNotEmptyError(`${target} is not empty; choose a new folder`)
  cpSync(join(templates, answers.template), target, { recursive: true })
  // npm leaves .gitignore files out of packages, so the templates carry it without the dot.
  renameSync(join(target, 'gitignore'), join(target, '.gitignore'))
  const name = packageName(target)
  const manifestPath = join(target, 'package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, name }, null, 2)}\n`)
  if (answers.template === 'todo' && answers.db === 'postgres')
    writeFileSync(join(target, '.env'), postgresEnv(name))
  return target
}
