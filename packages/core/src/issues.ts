import type * as v from 'valibot'
import type { ValidationIssue } from './errors'

/** Where an input comes from, named as FastAPI names it in an issue's `loc`. */
export type InputSource = 'path' | 'query' | 'header' | 'cookie' | 'body'

const OBJECT_TYPES = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest'])

/**
 * Translates valibot issues into FastAPI's `{loc, msg, type, input}` entries.
 * A missing key reads `Field required` (type `missing`) and an undeclared key in
 * a strict object reads `Extra inputs are not permitted` (type `extra_forbidden`),
 * as FastAPI front ends expect; every other issue keeps valibot's message and type.
 * The offending `input` is echoed, except under credential-like names (password,
 * secret, token, api key), and valibot messages that quote it are replaced there too.
 *
 * @example
 * ```ts
 * toValidationIssues('query', v.safeParse(schema, input).issues ?? [])
 * // [{ loc: ['query', 'limit'], msg: 'Invalid type: …', type: 'number', input: 'abc' }]
 * ```
 */
export function toValidationIssues(
  source: InputSource,
  issues: readonly v.BaseIssue<unknown>[],
): ValidationIssue[] {
  return issues.map((issue) => toValidationIssue(source, issue))
}

function toValidationIssue(source: InputSource, issue: v.BaseIssue<unknown>): ValidationIssue {
  const loc: (string | number)[] = [source]
  for (const item of issue.path ?? []) loc.push(item.key as string | number)
  if (issue.kind === 'schema' && issue.input === undefined) {
    return { loc, msg: 'Field required', type: 'missing' }
  }
  if (OBJECT_TYPES.has(issue.type) && issue.expected === 'never') {
    return {
      loc,
      msg: 'Extra inputs are not permitted',
      type: 'extra_forbidden',
      input: issue.input,
    }
  }
  if (isCredential(loc)) return { loc, msg: withoutReceived(issue.message), type: issue.type }
  const entry: ValidationIssue = { loc, msg: issue.message, type: issue.type }
  if (issue.input !== undefined && isSerializable(issue.input) && !holdsCredential(issue.input)) {
    entry.input = issue.input
  }
  return entry
}

/** An object input (a failed whole-object check) may carry a credential under one of its keys. */
function holdsCredential(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    Object.keys(input).some((key) => CREDENTIAL.test(key))
  )
}

/** valibot's default messages end with `but received <the input>`. */
const withoutReceived = (message: string) => message.replace(/ but received .*$/s, '')

const CREDENTIAL = /password|secret|token|api_?key/i

/** A rejected password is still a password: inputs under credential-like names are never echoed. */
function isCredential(loc: readonly (string | number)[]): boolean {
  return loc.some((key) => typeof key === 'string' && CREDENTIAL.test(key))
}

/** Blobs, dates and bigints do not survive JSON, so such inputs are left out of the answer. */
function isSerializable(value: unknown): boolean {
  return typeof value !== 'bigint' && typeof value !== 'function' && !(value instanceof Blob)
}
