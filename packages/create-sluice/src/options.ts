import { parseArgs } from 'node:util'

/** The templates `create-sluice` offers. */
export const TEMPLATES = ['minimal', 'todo'] as const
export type Template = (typeof TEMPLATES)[number]

/** The databases the todo template runs on. */
export const DATABASES = ['sqlite', 'postgres'] as const
export type DatabaseKind = (typeof DATABASES)[number]

/** What the user chose on the command line; a missing choice is asked for, or defaulted. */
export interface Choices {
  directory?: string
  template?: Template
  db?: DatabaseKind
  help: boolean
}

/** What a mistyped command line gets: the message and the usage, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm create sluice@latest [directory] -- [--template minimal|todo] [--db sqlite|postgres]

  directory          where the project goes (a new or empty folder); asked for when missing
  --template, -t     minimal: one app file, one test; todo: the reference API with JWT login
  --db               the todo template's database: sqlite (embedded, default) or postgres
  --help, -h         this text

Without a terminal (CI, scripts), a missing choice takes its default: ./sluice-app, minimal, sqlite.`

function oneOf<T extends string>(flag: string, allowed: readonly T[], value: string | undefined) {
  if (value === undefined) return undefined
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`)
}

/**
 * Reads the command line: `[directory] [--template t] [--db d]`.
 *
 * @example
 * ```ts
 * parseChoices(['my-api', '--template', 'todo']) // { directory: 'my-api', template: 'todo', help: false }
 * ```
 */
export function parseChoices(argv: readonly string[]): Choices {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (positionals.length > 1) throw new UsageError(`one directory, not ${positionals.join(' ')}`)
  const template = oneOf('template', TEMPLATES, values.template)
  const db = oneOf('db', DATABASES, values.db)
  if (db === 'postgres' && template === 'minimal')
    throw new UsageError('--db is for the todo template; minimal has no database')
  return {
    ...(positionals[0] !== undefined && { directory: positionals[0] }),
    ...(template && { template }),
    ...(db && { db }),
    help: values.help ?? false,
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      template: { type: 'string', short: 't' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
