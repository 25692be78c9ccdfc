import type * as v from 'valibot'
import type { AnySchema } from '../types'
import { isIntegerSchema, parseBoolean, parseFloatString, parseInteger, unwrap } from './coerce'
import { dateTimeProblem } from './dates'
import { isSetSchema } from './set-of'
import { PYDANTIC_UUID } from './uuid'

/** An error as Pydantic 2 names it: its `type`, its English `msg`, and the `ctx` the message was made from. */
export interface PydanticError {
  readonly type: string
  readonly msg: string
  readonly ctx?: Record<string, unknown>
}

type Issue = v.BaseIssue<unknown>

/**
 * How one kind of valibot issue reads in Pydantic's words. `node` is the schema
 * the issue is about, when the caller could locate it (needed only to tell an
 * integer from a float and to list literals); `custom` is the schema's own
 * message, which wins over Pydantic's.
 */
type Translate = (
  issue: Issue,
  node: AnySchema | undefined,
  custom: string | undefined,
) => PydanticError | undefined

const fixed =
  (type: string, msg: string): Translate =>
  (_issue, _node, custom) => ({ type, msg: custom ?? msg })

const withCtx = (type: string, msg: string, ctx: Record<string, unknown>, custom?: string) => ({
  type,
  msg: custom ?? msg,
  ctx,
})

const plural = (count: unknown) => (count === 1 ? '' : 's')

/**
 * A requirement as JSON can carry it: a bigint as a number when exact (else as
 * text), a date as its ISO string, as Pydantic writes a date bound.
 */
function jsonRequirement(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (typeof value !== 'bigint') return value
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : String(value)
}

/** Python's `repr` of a literal option, as Pydantic lists expected values: `'a'`, `1`, `True`, `None`. */
function pythonRepr(value: unknown): string {
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'"
    const escaped = value
      .replaceAll('\\', '\\\\')
      .replaceAll('\n', '\\n')
      .replaceAll('\r', '\\r')
      .replaceAll('\t', '\\t')
    return quote + (quote === "'" ? escaped.replaceAll("'", "\\'") : escaped) + quote
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (value === null || value === undefined) return 'None'
  return String(value)
}

/** The name of the Python type a JSON or form value would have. */
function pythonType(value: unknown): string {
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (value === null || value === undefined) return 'NoneType'
  return Array.isArray(value) ? 'list' : 'dict'
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`: Pydantic's list of expected values. */
function expectedList(options: readonly unknown[]): string {
  const reprs = options.map(pythonRepr)
  const last = reprs.pop() ?? ''
  return reprs.length === 0 ? last : `${reprs.join(', ')} or ${last}`
}

interface OptionsNode {
  readonly options?: readonly unknown[]
  readonly literal?: unknown
  readonly type: string
}

/** The literal values a picklist, literal or union of literals accepts, once per schema. */
const expectedByNode = new WeakMap<object, string | undefined>()

function expectedOf(node: AnySchema | undefined): string | undefined {
  if (!node) return undefined
  if (expectedByNode.has(node)) return expectedByNode.get(node)
  const values = literalValues(node)
  const expected = values ? expectedList(values) : undefined
  expectedByNode.set(node, expected)
  return expected
}

function literalValues(schema: AnySchema): readonly unknown[] | undefined {
  const node = unwrap(schema) as unknown as OptionsNode
  if (node.type === 'literal') return [node.literal]
  if (node.type === 'picklist' || node.type === 'enum') return node.options
  if (node.type !== 'union') return undefined
  const values: unknown[] = []
  for (const option of (node.options ?? []) as AnySchema[]) {
    const inner = literalValues(option)
    if (!inner) return undefined
    values.push(...inner)
  }
  return values
}

const choice =
  (type: string): Translate =>
  (_issue, node, custom) => {
    const expected = expectedOf(node)
    if (expected === undefined) return undefined
    return withCtx(type, `Input should be ${expected}`, { expected }, custom)
  }

const INT_MESSAGES: Record<string, string> = {
  int_type: 'Input should be a valid integer',
  int_parsing: 'Input should be a valid integer, unable to parse string as an integer',
  int_parsing_size: 'Unable to parse input string as an integer, exceeded maximum size',
  int_from_float: 'Input should be a valid integer, got a number with a fractional part',
}

const intError = (type: keyof typeof INT_MESSAGES, custom?: string): PydanticError => ({
  type,
  msg: custom ?? (INT_MESSAGES[type] as string),
})

/** A string that reached a number check did not parse; anything else was the wrong type. */
function integerTypeError(input: unknown, custom?: string): PydanticError {
  if (typeof input !== 'string') return intError('int_type', custom)
  const parsed = parseInteger(input)
  return intError(typeof parsed === 'number' ? 'int_type' : parsed, custom)
}

function floatTypeError(input: unknown, custom?: string): PydanticError {
  if (typeof input === 'string' && parseFloatString(input) === undefined) {
    return {
      type: 'float_parsing',
      msg: custom ?? 'Input should be a valid number, unable to parse string as a number',
    }
  }
  return { type: 'float_type', msg: custom ?? 'Input should be a valid number' }
}

function booleanTypeError(input: unknown, custom?: string): PydanticError {
  const unparseable =
    (typeof input === 'string' && parseBoolean(input) === undefined) ||
    (typeof input === 'number' && input !== 0 && input !== 1)
  if (unparseable) {
    return {
      type: 'bool_parsing',
      msg: custom ?? 'Input should be a valid boolean, unable to interpret input',
    }
  }
  return { type: 'bool_type', msg: custom ?? 'Input should be a valid boolean' }
}

const MODEL_TYPE = fixed(
  'model_attributes_type',
  'Input should be a valid dictionary or object to extract fields from',
)

/** Type mismatches, by the valibot schema that reported them. */
const SCHEMA_ERRORS: Record<string, Translate> = {
  string: fixed('string_type', 'Input should be a valid string'),
  number: (issue, node, custom) =>
    node && isIntegerSchema(node)
      ? integerTypeError(issue.input, custom)
      : floatTypeError(issue.input, custom),
  bigint: (issue, _node, custom) => integerTypeError(issue.input, custom),
  boolean: (issue, _node, custom) => booleanTypeError(issue.input, custom),
  object: MODEL_TYPE,
  loose_object: MODEL_TYPE,
  strict_object: MODEL_TYPE,
  object_with_rest: MODEL_TYPE,
  record: fixed('dict_type', 'Input should be a valid dictionary'),
  array: (_issue, node, custom) =>
    node && isSetSchema(node)
      ? { type: 'set_type', msg: custom ?? 'Input should be a valid set' }
      : { type: 'list_type', msg: custom ?? 'Input should be a valid list' },
  tuple: fixed('tuple_type', 'Input should be a valid tuple'),
  strict_tuple: fixed('tuple_type', 'Input should be a valid tuple'),
  loose_tuple: fixed('tuple_type', 'Input should be a valid tuple'),
  tuple_with_rest: fixed('tuple_type', 'Input should be a valid tuple'),
  null: fixed('none_required', 'Input should be None'),
  date: (issue, _node, custom) =>
    typeof issue.input === 'string'
      ? dateTimeError('datetime_from_date_parsing', 'a valid datetime or date', issue.input, custom)
      : { type: 'datetime_type', msg: custom ?? 'Input should be a valid datetime' },
  picklist: choice('literal_error'),
  literal: choice('literal_error'),
  union: choice('literal_error'),
  enum: choice('enum'),
  custom: valueError,
  // A file field given text: FastAPI's `UploadFile` validator says what it received.
  file: (issue, _node, custom) =>
    withCtx(
      'value_error',
      `Value error, ${custom ?? `Expected UploadFile, received: <class '${pythonType(issue.input)}'>`}`,
      { error: {} },
    ),
  // `decimal()` works out Pydantic's error itself and carries it as the issue's requirement.
  decimal: (issue, _node, custom) => {
    const error = issue.requirement as PydanticError
    return custom === undefined ? error : { ...error, msg: custom }
  },
}

function valueError(_issue: Issue, _node: AnySchema | undefined, custom: string | undefined) {
  return withCtx('value_error', `Value error, ${custom ?? 'Invalid input'}`, { error: {} })
}

function lengthError(bound: 'min' | 'max'): Translate {
  return (issue, _node, custom) => {
    const limit = bound === 'min' ? 'at least' : 'at most'
    const key = `${bound}_length`
    const requirement = issue.type === 'non_empty' ? 1 : issue.requirement
    if (typeof issue.input === 'string') {
      return withCtx(
        `string_too_${bound === 'min' ? 'short' : 'long'}`,
        `String should have ${limit} ${requirement} character${plural(requirement)}`,
        { [key]: requirement },
        custom,
      )
    }
    const actual = (issue.input as { length?: number } | null)?.length
    return withCtx(
      `too_${bound === 'min' ? 'short' : 'long'}`,
      `List should have ${limit} ${requirement} item${plural(requirement)} after validation, not ${actual}`,
      { field_type: 'List', [key]: requirement, actual_length: actual },
      custom,
    )
  }
}

function bound(type: string, words: string, key: string): Translate {
  return (issue, _node, custom) => {
    const requirement = jsonRequirement(issue.requirement)
    return withCtx(type, `Input should be ${words} ${requirement}`, { [key]: requirement }, custom)
  }
}

const FINITE = fixed('finite_number', 'Input should be a finite number')

/** Failed actions (checks in a pipe), by the valibot action that reported them. */
const ACTION_ERRORS: Record<string, Translate> = {
  min_length: lengthError('min'),
  non_empty: lengthError('min'),
  max_length: lengthError('max'),
  min_value: bound('greater_than_equal', 'greater than or equal to', 'ge'),
  gt_value: bound('greater_than', 'greater than', 'gt'),
  max_value: bound('less_than_equal', 'less than or equal to', 'le'),
  lt_value: bound('less_than', 'less than', 'lt'),
  multiple_of: bound('multiple_of', 'a multiple of', 'multiple_of'),
  integer: (issue, _node, custom) =>
    Number.isFinite(issue.input)
      ? intError('int_from_float', custom)
      : FINITE(issue, _node, custom),
  safe_integer: (issue, _node, custom) =>
    Number.isInteger(issue.input)
      ? intError('int_parsing_size', custom)
      : ACTION_ERRORS.integer!(issue, _node, custom),
  finite: FINITE,
  regex: (issue, _node, custom) => {
    const pattern = (issue.requirement as RegExp).source
    return withCtx(
      'string_pattern_mismatch',
      `String should match pattern '${pattern}'`,
      { pattern },
      custom,
    )
  },
  email: emailError,
  rfc_email: emailError,
  url: (issue, _node, custom) => {
    const error = urlProblem(String(issue.input))
    return withCtx('url_parsing', `Input should be a valid URL, ${error}`, { error }, custom)
  },
  iso_date: (issue, _node, custom) =>
    dateTimeError('date_from_datetime_parsing', 'a valid date or datetime', issue.input, custom),
  iso_date_time: (issue, _node, custom) =>
    dateTimeError('datetime_from_date_parsing', 'a valid datetime or date', issue.input, custom),
  iso_timestamp: (issue, _node, custom) =>
    dateTimeError('datetime_from_date_parsing', 'a valid datetime or date', issue.input, custom),
  uuid: (issue, _node, custom) => {
    const error = uuidProblem(String(issue.input))
    return withCtx('uuid_parsing', `Input should be a valid UUID, ${error}`, { error }, custom)
  },
  check: valueError,
  partial_check: valueError,
  raw_check: valueError,
}

/** A date or datetime that did not parse, with speedate's reason (`input is too short`…) in ctx. */
function dateTimeError(type: string, what: string, input: unknown, custom: string | undefined) {
  const error = dateTimeProblem(String(input), type.startsWith('datetime'))
  return withCtx(type, `Input should be ${what}, ${error}`, { error }, custom)
}

function emailError(issue: Issue, _node: AnySchema | undefined, custom: string | undefined) {
  const reason = emailProblem(String(issue.input))
  return withCtx('value_error', `value is not a valid email address: ${reason}`, { reason }, custom)
}

/** The reason email-validator (behind Pydantic's EmailStr) gives for the commonest mistakes. */
function emailProblem(email: string): string {
  const at = email.lastIndexOf('@')
  if (at === -1) return 'An email address must have an @-sign.'
  const local = email.slice(0, at)
  const domain = email.slice(at + 1)
  if (local === '') return 'There must be something before the @-sign.'
  if (domain === '') return 'There must be something after the @-sign.'
  if (local.includes(' '))
    return 'The email address contains invalid characters before the @-sign: SPACE.'
  if (domain.includes('..')) return 'An email address cannot have two periods in a row.'
  if (domain.startsWith('-'))
    return 'An email address cannot have a hyphen immediately after the @-sign.'
  if (!domain.includes('.'))
    return 'The part after the @-sign is not valid. It should have a period.'
  return 'The email address is not valid.'
}

const UUID_GROUP_STARTS = [0, 9, 14, 19, 24]
const UUID_GROUP_LENGTHS = [8, 4, 4, 4, 12]

/** The error of the Rust `uuid` crate, which Pydantic's UUID type reports: a bad character, length or group. */
function uuidProblem(uuid: string): string {
  const braced = uuid.startsWith('{') && uuid.endsWith('}')
  const urn = !braced && uuid.startsWith('urn:uuid:')
  const offset = braced ? 1 : urn ? 9 : 0
  const body = braced ? uuid.slice(1, -1) : uuid.slice(offset)
  const hyphens: number[] = []
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i)
    if (char === '-') hyphens.push(i)
    else if (!/[0-9a-fA-F]/.test(char))
      return `invalid character: found \`${char}\` at ${i + offset + 1}`
  }
  // A form Pydantic accepts reaches here only from valibot's stricter `v.uuid()`.
  if (PYDANTIC_UUID.test(uuid)) return 'invalid format: expected the hyphenated form'
  if (hyphens.length === 0 && offset === 0) {
    return `invalid length: expected length 32 for simple format, found ${uuid.length}`
  }
  if (hyphens.length !== 4) return `invalid group count: expected 5, found ${hyphens.length + 1}`
  for (let group = 0; group < 4; group++) {
    const start = UUID_GROUP_STARTS[group] as number
    if (hyphens[group] !== (UUID_GROUP_STARTS[group + 1] as number) - 1) {
      const found = (hyphens[group] as number) - start
      return `invalid group length in group ${group}: expected ${UUID_GROUP_LENGTHS[group]}, found ${found}`
    }
  }
  return `invalid group length in group 4: expected 12, found ${uuid.length - 24}`
}

/** The error the URL parser behind Pydantic's URL types gives for the commonest mistakes. */
function urlProblem(url: string): string {
  if (url === '') return 'input is empty'
  const scheme = /^[a-z][a-z\d+.-]*:(\/\/)?([^/?#:]*)(:[^/?#]*)?/i.exec(url)
  if (!scheme) return 'relative URL without a base'
  if (scheme[1] && scheme[2] === '') return 'empty host'
  const port = scheme[3]?.slice(1)
  if (port && (!/^\d+$/.test(port) || Number(port) > 65535)) return 'invalid port number'
  return 'invalid international domain name'
}

/**
 * Pydantic's `type`, `msg` and `ctx` for a valibot issue, or undefined for kinds
 * Pydantic has no word for (they keep valibot's own). `custom` is the message
 * the schema or action was given, which wins over Pydantic's (a custom check's
 * message still reads `Value error, …`, as a Pydantic validator's would).
 *
 * @example
 * ```ts
 * pydanticError(issue, undefined, undefined) // for v.minLength(3) given 'ab':
 * // { type: 'string_too_short', msg: 'String should have at least 3 characters', ctx: { min_length: 3 } }
 * ```
 */
export function pydanticError(
  issue: Issue,
  node: AnySchema | undefined,
  custom: string | undefined,
): PydanticError | undefined {
  const translate = (issue.kind === 'schema' ? SCHEMA_ERRORS : ACTION_ERRORS)[issue.type]
  return translate?.(issue, node, custom)
}

/** Whether translating this issue needs the schema it is about (integer or float, which literals). */
export function needsNode(issue: Issue): boolean {
  return issue.kind === 'schema' && NODE_TYPES.has(issue.type)
}

const NODE_TYPES = new Set(['number', 'picklist', 'literal', 'union', 'enum', 'array'])
