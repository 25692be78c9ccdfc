import * as v from 'valibot'
import type { ObjectSchema } from './types'
import { coercer } from './validation/coerce'

/**
 * A valibot object schema whose keys are the names of environment variables.
 *
 * @example
 * ```ts
 * const schema = v.object({ PORT: v.optional(v.number(), 3000) }) satisfies SettingsSchema
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
    const lines = issues.map((issue) => `  ${issue.name}: ${issue.message}`)
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`
    super(`Invalid settings (${count}):\n${lines.join('\n')}`)
    this.name = 'SettingsError'
    this.issues = issues
  }
}

/** Names that usually hold credentials (URLs and DSNs often embed a password); valibot's messages quote the received value, so theirs are rewritten. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|URL|DSN/i

/**
 * Reads typed settings from environment variables: each variable named by a
 * key of `schema` is converted by its schema type as query strings are
 * (numbers, booleans `true/false/1/0/yes/no/on/off`, bigints, dates, numeric
 * picklists), then the whole object is validated. Every missing or invalid
 * variable is reported at once in a {@link SettingsError}; values of variables
 * whose names contain SECRET, PASSWORD, TOKEN or KEY are never printed.
 *
 * `source` defaults to `process.env` where `process` exists; on Workers pass
 * the handler's `env`. The result is frozen.
 *
 * @example
 * ```ts
 * export const config = settings(
 *   v.object({
 *     PORT: v.optional(v.pipe(v.number(), v.integer()), 3000),
 *     DATABASE_URL: v.pipe(v.string(), v.url()),
 *     DEBUG: v.optional(v.boolean(), false),
 *     JWT_SECRET: v.pipe(v.string(), v.minLength(32)),
 *   }),
 * )
 * config.PORT // number
 * ```
 */
export function settings<const S extends SettingsSchema>(
  schema: S,
  source: SettingsSource = defaultSource(),
): Readonly<v.InferOutput<S>> {
  const result = v.safeParse(schema, convert(schema.entries, source))
  if (!result.success) throw new SettingsError(result.issues.map(toSettingsIssue))
  return Object.freeze(result.output)
}

/** `process.env` when running where `process` exists; this file also loads on Workers and in browsers. */
function defaultSource(): SettingsSource {
  const runtime = globalThis as { process?: { env?: SettingsSource } }
  return runtime.process?.env ?? {}
}

/** Only the declared variables are read, so a strict object is not failed by the rest of the environment. */
function convert(entries: v.ObjectEntries, source: SettingsSource): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(entries)) {
    const raw = source[name]
    if (raw === undefined) continue
    input[name] = typeof raw === 'string' ? coercer(schema)(raw) : raw
  }
  return input
}

function toSettingsIssue(issue: v.BaseIssue<unknown>): SettingsIssue {
  const name = v.getDotPath(issue) ?? '(settings)'
  if (issue.kind === 'schema' && issue.input === undefined) {
    return { name, message: 'Field required', type: 'missing' }
  }
  const message = SECRET_NAME.test(name) ? withoutValue(issue) : issue.message
  return { name, message, type: issue.type }
}

/** The issue's message without the value: what was expected, never what was received. */
function withoutValue(issue: v.BaseIssue<unknown>): string {
  const expected = issue.expected === null ? '' : `: expected ${issue.expected}`
  return `Invalid ${issue.type}${expected} (value hidden)`
}
