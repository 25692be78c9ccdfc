import * as v from 'valibot'
import type { ObjectSchema } from './types'
import { coercer } from './validation/coerce'

/**
 * A valibot object schema whose keys are the names of environment variables.
 *
 * @example
 * ```ts
 * const schema = v.object({ PORT: v.optional(v.number(), 8000) }) satisfies SettingsSchema
 * // Computed values (pydantic's @computed_field): a transform after the object.
 * const withUrl = v.pipe(
 *   v.object({ DB_HOST: v.string(), DB_NAME: v.string() }),
 *   v.transform((s) => ({ ...s, DATABASE_URL: `postgresql://${s.DB_HOST}/${s.DB_NAME}` })),
 * ) satisfies SettingsSchema
 * ```
 */
export type SettingsSchema = ObjectSchema

/**
 * Where settings are read from: `process.env` on Node, Bun and Deno, the `env`
 * argument of a Workers handler. Non-string values (Workers bindings) reach the
 * schema unchanged.
 *
 * @example
 * ```ts
 * export default {
 *   fetch(request: Request, env: SettingsSource) {
 *     const config = settings(schema, env) // Workers: bindings and vars arrive in `env`
 *     return app.fetch(request, { config })
 *   },
 * }
 * ```
 */
export type SettingsSource = Readonly<Record<string, unknown>>

/**
 * One missing or invalid variable. The value itself is never kept, so logging
 * an issue cannot leak it.
 *
 * @example
 * ```ts
 * const issue: SettingsIssue = { name: 'PORT', message: 'Field required', type: 'missing' }
 * ```
 */
export interface SettingsIssue {
  /** The variable's name, e.g. `DATABASE_URL`. */
  readonly name: string
  /** What is wrong, e.g. `Field required`; for secrets, without the value. */
  readonly message: string
  /** valibot's issue type, or `missing` for an absent variable. */
  readonly type: string
  /**
   * Where the value was read: `environment`, or the path of the `.env` file;
   * absent for a missing variable and for a check over several variables.
   */
  readonly origin?: string
}

/**
 * Variables read from a `.env` file, with the file's path for messages.
 * `readEnvFile` from `@sluice/core/node` reads one; this type is here so
 * that code which also runs on Workers can take one without touching
 * `node:fs`.
 *
 * @example
 * ```ts
 * const file: EnvFile = { path: '/srv/app/.env', values: { PORT: '8080' } }
 * ```
 */
export interface EnvFile {
  /** The file's absolute path, e.g. `/srv/app/.env`. */
  readonly path: string
  /** Its variables, as the file writes them. */
  readonly values: Readonly<Record<string, string>>
}

/**
 * Options of {@link settings}.
 *
 * @example
 * ```ts
 * import { readEnvFile } from '@sluice/core/node'
 * const options: SettingsOptions = { envFile: readEnvFile('.env') }
 * ```
 */
export interface SettingsOptions {
  /**
   * Variables the source lacks are read from here, as pydantic-settings'
   * `env_file`: a variable set in the source (even to an empty string) wins.
   * `undefined` (a missing optional file) reads none.
   */
  readonly envFile?: EnvFile | undefined
  /**
   * Treat a variable set to the empty string as unset, as pydantic-settings'
   * `env_ignore_empty`: it takes its default, or the `.env` file's value.
   * Default `false`: an empty string is a value.
   */
  readonly ignoreEmpty?: boolean
}

/**
 * Settings that could not be read. Its message lists every problem, one per
 * line, so a misconfigured deployment is fixed in one round, not one variable
 * at a time.
 *
 * @example
 * ```ts
 * try {
 *   settings(v.object({ PORT: v.number() }), {})
 * } catch (error) {
 *   if (error instanceof SettingsError) console.error(error.message)
 *   // Invalid settings (1 issue):
 *   //   PORT: Field required
 * }
 * ```
 */
export class SettingsError extends Error {
  readonly issues: readonly SettingsIssue[]

  constructor(issues: readonly SettingsIssue[]) {
    const lines = issues.map(
      (issue) =>
        `  ${issue.name}: ${issue.message}${issue.origin ? ` (from ${describe(issue.origin)})` : ''}`,
    )
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`
    super(`Invalid settings (${count}):\n${lines.join('\n')}`)
    this.name = 'SettingsError'
    this.issues = issues
  }
}

const ENVIRONMENT = 'environment'

function describe(origin: string): string {
  return origin === ENVIRONMENT ? 'the environment' : origin
}

/** Names that usually hold credentials (URLs and DSNs often embed a password); valibot's messages quote the received value, so theirs are rewritten. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|URL|DSN/i

/**
 * Reads typed settings from environment variables: each variable named by a
 * key of `schema` is converted by its schema type as query strings are
 * (numbers, booleans `true/false/1/0/yes/no/on/off`, bigints, dates, numeric
 * picklists), then the whole object is validated. Every missing or invalid
 * variable is reported at once in a {@link SettingsError}; values of variables
 * whose names contain SECRET, PASSWORD, TOKEN, KEY, URL or DSN are never
 * printed; each line says where its value came from.
 *
 * `source` defaults to `process.env` where `process` exists; on Workers pass
 * the handler's `env`. With `options.envFile` (read on Node by `readEnvFile`
 * from `@sluice/core/node`), variables the source lacks are read from that
 * file. The result is frozen.
 *
 * @example
 * ```ts
 * export const config = settings(
 *   v.object({
 *     PORT: v.optional(v.pipe(v.number(), v.integer()), 8000),
 *     DATABASE_URL: v.pipe(v.string(), v.url()),
 *     DEBUG: v.optional(v.boolean(), false),
 *     JWT_SECRET: v.pipe(v.string(), v.minLength(32)),
 *   }),
 * )
 * config.PORT // number
 *
 * // On Node, with a .env file beside (real environment variables win):
 * import { readEnvFile } from '@sluice/core/node'
 * export const withFile = settings(schema, process.env, { envFile: readEnvFile('.env') })
 * ```
 */
export function settings<const S extends SettingsSchema>(
  schema: S,
  source: SettingsSource = defaultSource(),
  options: SettingsOptions = {},
): Readonly<v.InferOutput<S>> {
  const { envFile, ignoreEmpty = false } = options
  const { input, origins } = read(
    schema.entries,
    ignoreEmpty ? nonEmpty(source) : source,
    envFile && ignoreEmpty ? { ...envFile, values: nonEmpty(envFile.values) } : envFile,
  )
  const result = v.safeParse(schema, input)
  if (!result.success) {
    throw new SettingsError(result.issues.map((issue) => toSettingsIssue(issue, origins, envFile)))
  }
  return Object.freeze(result.output)
}

/** The variables that are not the empty string. */
function nonEmpty<T>(values: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''))
}

/** `process.env` when running where `process` exists; this file also loads on Workers and in browsers. */
function defaultSource(): SettingsSource {
  const runtime = globalThis as { process?: { env?: SettingsSource } }
  return runtime.process?.env ?? {}
}

/**
 * The declared variables, converted, and where each was read: the source wins
 * over the file, as the environment does with pydantic-settings. Only declared
 * variables are read, so a strict object is not failed by the rest of the
 * environment.
 */
function read(
  entries: v.ObjectEntries,
  source: SettingsSource,
  envFile: EnvFile | undefined,
): { input: Record<string, unknown>; origins: ReadonlyMap<string, string> } {
  const input: Record<string, unknown> = {}
  const origins = new Map<string, string>()
  for (const [name, schema] of Object.entries(entries)) {
    const fromSource = source[name] !== undefined
    const raw = fromSource ? source[name] : envFile?.values[name]
    if (raw === undefined) continue
    input[name] = typeof raw === 'string' ? coercer(schema)(raw) : raw
    origins.set(name, fromSource || !envFile ? ENVIRONMENT : envFile.path)
  }
  return { input, origins }
}

function toSettingsIssue(
  issue: v.BaseIssue<unknown>,
  origins: ReadonlyMap<string, string>,
  envFile: EnvFile | undefined,
): SettingsIssue {
  const name = v.getDotPath(issue) ?? '(settings)'
  if (issue.kind === 'schema' && issue.input === undefined) {
    const where = envFile ? ` (set neither in the environment nor in ${envFile.path})` : ''
    return { name, message: `Field required${where}`, type: 'missing' }
  }
  const message = SECRET_NAME.test(name) ? withoutValue(issue) : issue.message
  // A nested path (an object-valued binding) was still read from its variable.
  const origin = origins.get(name.split('.')[0] ?? name)
  return { name, message, type: issue.type, ...(origin && { origin }) }
}

/** The issue's message without the value: what was expected, never what was received. */
function withoutValue(issue: v.BaseIssue<unknown>): string {
  const expected = issue.expected === null ? '' : `: expected ${issue.expected}`
  return `Invalid ${issue.type}${expected} (value hidden)`
}
