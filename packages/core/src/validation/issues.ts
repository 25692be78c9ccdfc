import * as v from 'valibot'
import type { ValidationIssue } from '../errors'
import type { AnySchema } from '../types'
import { unwrap } from './coerce'
import { needsNode, pydanticError } from './pydantic-errors'

/** Where an input comes from, named as FastAPI names it in an issue's `loc`. */
export type InputSource = 'path' | 'query' | 'header' | 'cookie' | 'body'

type Issue = v.BaseIssue<unknown>

/** Issues whose message valibot made up itself; any other message was given by the schema's author. */
const defaultMessages = new WeakSet<Issue>()

/**
 * The valibot config to validate with when the issues will be shown to clients:
 * it notes which issues carry valibot's default message, so that those read in
 * Pydantic's words and a message given in the schema (`v.minLength(3, 'Too short')`)
 * is kept. A global message set with `v.setGlobalMessage` still applies.
 *
 * @example
 * ```ts
 * const result = v.safeParse(schema, input, validationConfig)
 * if (!result.success) toValidationIssues('body', result.issues, { schema, marked: true })
 * ```
 */
export const validationConfig: v.Config<Issue> = {
  message(issue) {
    const global = v.getGlobalMessage(issue.lang)
    if (global !== undefined) return typeof global === 'function' ? global(issue) : global
    defaultMessages.add(issue)
    return issue.message
  },
}

/** What the issues of one input are read against. */
export interface IssueContext {
  /** The schema validated, to learn what a failed field expected (an integer or a float, which literals). */
  readonly schema?: AnySchema
  /** Validated with {@link validationConfig}, so custom messages can be told from valibot's. */
  readonly marked?: boolean
  /**
   * The values as they were sent, by schema key, for inputs that arrive as strings
   * (path, query, header, cookie, form): a rejected value is echoed as sent (`"4.2"`,
   * not `4.2`), and a missing one as `null`, as FastAPI does.
   */
  readonly sent?: Readonly<Record<string, unknown>>
  /**
   * A JSON body whose fields are separate body parameters (FastAPI's several
   * `Body()` parameters, or `embed=True`): a missing field's `input` is `null`.
   */
  readonly embedded?: boolean
  /** A parameter model's whole input (see `FieldMetadata.model`), which a missing field echoes. */
  modelInput?: Readonly<Record<string, unknown>>
  /** The wire name of a field whose schema key differs (headers, aliases), for `loc`. */
  readonly names?: ReadonlyMap<string, string>
}

/**
 * Translates valibot issues into FastAPI's `{type, loc, msg, input, ctx}` entries,
 * in Pydantic 2's words (see `pydantic-errors.ts`): `missing` (`Field required`),
 * `extra_forbidden`, `int_parsing`, `string_too_short` with `ctx.min_length`,
 * `literal_error` with `ctx.expected`… Kinds Pydantic has no word for keep
 * valibot's type and message. A missing field's `input` is its parent object in
 * a JSON body and `null` elsewhere. The offending `input` is never echoed under
 * credential-like names (password, secret, token, api key).
 *
 * @example
 * ```ts
 * toValidationIssues('query', v.safeParse(schema, input, validationConfig).issues ?? [], { schema, marked: true })
 * // [{ type: 'int_parsing', loc: ['query', 'limit'], msg: 'Input should be a valid integer, unable to parse string as an integer', input: 'abc' }]
 * ```
 */
export function toValidationIssues(
  source: InputSource,
  issues: readonly Issue[],
  context: IssueContext = {},
): ValidationIssue[] {
  return issues.map((issue) => toValidationIssue(source, issue, context))
}

function toValidationIssue(
  source: InputSource,
  issue: Issue,
  context: IssueContext,
): ValidationIssue {
  const path = issue.path ?? []
  const loc = locOf(source, path, context.names)
  if (issue.kind === 'schema' && issue.input === undefined) {
    const topLevel = path.length === 0 || (context.embedded && path.length === 1)
    const parent =
      context.modelInput && path.length === 1
        ? context.modelInput
        : context.sent || topLevel
          ? null
          : path[path.length - 1]?.input
    return withInput({ type: 'missing', loc, msg: 'Field required' }, parent)
  }
  if (isExtraKey(issue)) {
    const value = issue.type === 'never' ? issue.input : path[path.length - 1]?.value
    return withInput({ type: 'extra_forbidden', loc, msg: 'Extra inputs are not permitted' }, value)
  }
  // Pydantic locates a rejected dict key under the key itself, then `[key]`.
  if (path[path.length - 1]?.origin === 'key') loc.push('[key]')
  const custom = context.marked && !defaultMessages.has(issue) ? issue.message : undefined
  const node = context.schema && needsNode(issue) ? schemaAt(context.schema, path) : undefined
  const error = pydanticError(issue, node && (unwrap(node) as AnySchema), custom)
  const entry: ValidationIssue = error
    ? { type: error.type, loc, msg: error.msg }
    : {
        type: issue.type,
        loc,
        msg: isCredential(loc) ? withoutReceived(issue.message) : issue.message,
      }
  const sent = context.sent ? valueAt(context.sent, path) : undefined
  withInput(entry, sent === undefined ? issue.input : sent)
  if (error?.ctx) entry.ctx = error.ctx
  return entry
}

function locOf(
  source: InputSource,
  path: readonly v.IssuePathItem[],
  names: ReadonlyMap<string, string> | undefined,
): (string | number)[] {
  const loc: (string | number)[] = [source]
  for (const item of path) loc.push(item.key as string | number)
  if (names?.size && typeof loc[1] === 'string') loc[1] = names.get(loc[1]) ?? loc[1]
  return loc
}

/** An undeclared key in a strict object, or in an object whose rest is `v.never()`. */
function isExtraKey(issue: Issue): boolean {
  return issue.type === 'never' || (OBJECT_TYPES.has(issue.type) && issue.expected === 'never')
}

const OBJECT_TYPES = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest'])

/** Sets `input`, unless it may be a credential (`null` reveals nothing) or cannot be written as JSON. */
function withInput(entry: ValidationIssue, input: unknown): ValidationIssue {
  if (input === null) entry.input = null
  if (input == null || isCredential(entry.loc) || holdsCredential(input)) return entry
  if (isSerializable(input)) entry.input = input
  return entry
}

function valueAt(sent: Readonly<Record<string, unknown>>, path: readonly v.IssuePathItem[]) {
  let value: unknown = sent
  for (const item of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[item.key as PropertyKey]
  }
  return value
}

interface SchemaNode {
  readonly type: string
  readonly entries?: Readonly<Record<string, AnySchema>>
  readonly rest?: AnySchema
  readonly item?: AnySchema
  readonly items?: readonly AnySchema[]
  readonly key?: AnySchema
  readonly value?: AnySchema
  readonly options?: readonly AnySchema[]
  readonly getter?: (input: unknown) => AnySchema
}

/**
 * The schema an issue is about, followed from the root along the issue's path
 * (through wrappers, lazy schemas and union options); undefined when it cannot be told.
 */
export function schemaAt(root: AnySchema, path: readonly v.IssuePathItem[]): AnySchema | undefined {
  let schema: AnySchema | undefined = root
  for (const item of path) {
    schema = schema && childOf(schema, item)
    if (!schema) return undefined
  }
  return schema
}

function childOf(schema: AnySchema, item: v.IssuePathItem): AnySchema | undefined {
  let node = unwrap(schema) as unknown as SchemaNode
  while (node.type === 'lazy' && node.getter)
    node = unwrap(node.getter(item.input)) as unknown as SchemaNode
  if (node.entries) return node.entries[item.key as string] ?? node.rest
  if (node.item) return node.item
  if (node.items) return node.items[item.key as number] ?? node.rest
  if (node.type === 'record') return item.origin === 'key' ? node.key : node.value
  for (const option of node.options ?? []) {
    if (typeof option !== 'object') return undefined
    const child = childOf(option, item)
    if (child) return child
  }
  return undefined
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

const CREDENTIAL = /password|secret|token|api[-_]?key/i

/** A rejected password is still a password: inputs under credential-like names are never echoed. */
function isCredential(loc: readonly (string | number)[]): boolean {
  return loc.some((key) => typeof key === 'string' && CREDENTIAL.test(key))
}

/** Blobs, dates and bigints do not survive JSON, so such inputs are left out of the answer. */
function isSerializable(value: unknown): boolean {
  return typeof value !== 'bigint' && typeof value !== 'function' && !(value instanceof Blob)
}
