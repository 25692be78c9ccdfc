import type * as v from 'valibot'
import { parseDateTime } from './dates'

/** One raw input value as it arrives: a string, a form file, or every value of a repeated key. */
export type RawValue = string | File | readonly (string | File)[]

/**
 * Converts the wire form of one input value (a string, or every value of a
 * repeated key for an array field) to what its schema expects. Anything it
 * cannot convert, files included, is passed on unchanged, so the schema
 * rejects it and the issue echoes what was sent.
 */
export type Coercer = (raw: RawValue) => unknown

type AnySchema = v.GenericSchema | v.GenericSchemaAsync

interface SchemaNode {
  readonly type: string
  readonly wrapped?: AnySchema
  readonly item?: AnySchema
  readonly options?: readonly unknown[]
  readonly literal?: unknown
  readonly pipe?: readonly { readonly type: string; readonly kind?: string }[]
}

/** Wrappers that change whether a value may be absent, not what it is. */
const WRAPPERS = new Set([
  'optional',
  'exact_optional',
  'nullable',
  'nullish',
  'undefinedable',
  'non_optional',
  'non_nullable',
  'non_nullish',
])

/** The schema under optional/nullable/… wrappers (a pipe keeps its first schema's type). */
export function unwrap(schema: AnySchema): AnySchema {
  let node = schema as unknown as SchemaNode
  while (WRAPPERS.has(node.type) && node.wrapped) node = node.wrapped as unknown as SchemaNode
  return node as unknown as AnySchema
}

/**
 * Whether a number schema only takes integers (`v.integer()` or `v.safeInteger()` in
 * its pipe, or in the pipe of a piped schema it starts from: `v.pipe(Int, v.minValue(1))`).
 */
export function isIntegerSchema(schema: AnySchema): boolean {
  const pipe = (schema as unknown as SchemaNode).pipe
  return (
    pipe?.some(
      (item) =>
        INTEGER_ACTIONS.has(item.type) ||
        (item !== (schema as unknown) && item.kind === 'schema' && isIntegerSchema(item as never)),
    ) ?? false
  )
}

const INTEGER_ACTIONS = new Set(['integer', 'safe_integer'])

/** Python's (Rust's) notion of surrounding whitespace: Unicode White_Space, which is not JS's `\s`. */
const PY_SPACE =
  /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g
const pyTrim = (text: string) => text.replace(PY_SPACE, '')

const JSON_INTEGER = /^-?(?:0|[1-9]\d*)$/

/** Why a string is not an integer, in Pydantic's words: unparseable, or too large for a JS number. */
export type IntegerError = 'int_parsing' | 'int_parsing_size'

/**
 * The digits of an integer written as Pydantic 2 reads it from a string:
 * surrounding whitespace, a leading `+`, leading zeros, `_` between digits and a
 * zero fraction (`1.0`) are accepted; hex, exponents and other fractions are not.
 * Ported from pydantic-core's `str_as_int`.
 */
function integerDigits(text: string): string | undefined {
  if (JSON_INTEGER.test(text)) return text
  const cleaned = cleanIntegerString(text)
  return cleaned !== undefined && JSON_INTEGER.test(cleaned) ? cleaned : undefined
}

function cleanIntegerString(original: string): string | undefined {
  let text = pyTrim(original)
  if (text.startsWith('+')) {
    if (text[1] === '-') return undefined
    text = text.slice(1)
  }
  let sign = ''
  if (text.startsWith('-')) {
    if (text[1] === '-' || text[1] === '+') return undefined
    sign = '-'
    text = text.slice(1)
  }
  const unpadded = stripLeadingZeros(text)
  if (unpadded === undefined) return undefined
  text = unpadded
  const dot = text.indexOf('.')
  if (dot !== -1 && /^0+$/.test(text.slice(dot + 1))) text = text.slice(0, dot)
  const joined = stripUnderscores(text)
  if (joined !== undefined) return sign + joined
  return text.length === original.length ? undefined : sign + text
}

/** `007` → `7`, `0_0` → `0`, `00.0` → `0.0`; undefined when the text does not start like a number. */
function stripLeadingZeros(text: string): string | undefined {
  const first = text.charAt(0)
  if (first !== '0') return (first >= '1' && first <= '9') || first === '-' ? text : undefined
  for (let i = 1; i < text.length; i++) {
    const char = text.charAt(i)
    if (char === '0' || char === '_') continue
    if ((char >= '1' && char <= '9') || char === '-') return text.slice(i)
    if (char === '.') return text.slice(i - 1)
    return undefined
  }
  return text.slice(-1)
}

/** `1_000` → `1000`; undefined when there are none, or they lead, trail or double up. */
function stripUnderscores(text: string): string | undefined {
  if (!text.includes('_') || text.startsWith('_') || text.endsWith('_') || text.includes('__')) {
    return undefined
  }
  return text.replaceAll('_', '')
}

/**
 * An integer from its string form, by Pydantic's grammar (see {@link integerDigits}),
 * or why not. Beyond ±(2^53−1) a JS number would silently change the value, so
 * such integers are refused as too large.
 *
 * @example
 * ```ts
 * parseInteger(' +1_000 ') // 1000
 * parseInteger('0x11') // 'int_parsing'
 * ```
 */
export function parseInteger(text: string): number | IntegerError {
  const digits = integerDigits(text)
  if (digits === undefined) return 'int_parsing'
  const value = Number(digits)
  if (!Number.isSafeInteger(value)) return 'int_parsing_size'
  return value === 0 ? 0 : value
}

/** Rust's `f64::from_str`, which Pydantic uses: decimal, exponent, `inf`, `infinity`, `nan`. */
const RUST_FLOAT = /^[+-]?(?:inf|infinity|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i

/**
 * A number from its string form, as Pydantic 2 reads a float: surrounding
 * whitespace, exponents, `inf`/`infinity` and `_` between digits are accepted;
 * hex and empty strings are not. `nan` is refused (a valibot number is never NaN).
 *
 * @example
 * ```ts
 * parseFloatString(' 1e3 ') // 1000
 * parseFloatString('0x11') // undefined
 * ```
 */
export function parseFloatString(text: string): number | undefined {
  const trimmed = pyTrim(text)
  if (RUST_FLOAT.test(trimmed)) return floatValue(trimmed)
  const joined = stripUnderscores(text)
  return joined !== undefined && RUST_FLOAT.test(joined) ? floatValue(joined) : undefined
}

function floatValue(text: string): number | undefined {
  const lower = text.toLowerCase()
  if (lower.endsWith('nan')) return undefined
  if (lower.endsWith('inf') || lower.endsWith('infinity')) {
    return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  return Number(text)
}

const TRUE = new Set(['1', 't', 'y', 'on', 'yes', 'true'])
const FALSE = new Set(['0', 'f', 'n', 'no', 'off', 'false'])

/**
 * A boolean from its string form, with Pydantic's spellings (case-insensitive,
 * no surrounding whitespace): `true/false`, `1/0`, `yes/no`, `on/off`, `t/f`, `y/n`.
 */
export function parseBoolean(text: string): boolean | undefined {
  const lower = text.length <= 5 ? text.toLowerCase() : ''
  if (TRUE.has(lower)) return true
  if (FALSE.has(lower)) return false
  return undefined
}

/** A repeated key given to a single-valued field counts by its last value, as in FastAPI. */
const last = (raw: RawValue): string | File | undefined =>
  Array.isArray(raw) ? raw[raw.length - 1] : (raw as string | File)

const asList = (raw: RawValue): readonly (string | File)[] =>
  Array.isArray(raw) ? raw : [raw as string | File]

/** Each converter returns its input unchanged when the text does not parse. */
type Converter = (text: string) => unknown

const toInteger: Converter = (text) => {
  const value = parseInteger(text)
  return typeof value === 'number' ? value : text
}

const toFloat: Converter = (text) => parseFloatString(text) ?? text

const toBoolean: Converter = (text) => parseBoolean(text) ?? text

const toBigint: Converter = (text) => {
  const digits = integerDigits(text)
  return digits === undefined ? text : BigInt(digits)
}

const toDate: Converter = (text) => parseDateTime(text) ?? text

const toNumber = (schema: SchemaNode): Converter =>
  isIntegerSchema(schema as unknown as AnySchema) ? toInteger : toFloat

/** The converter for values whose options are all of one primitive kind (picklist, enum, literal, union). */
function fromOptions(options: readonly unknown[]): Converter | undefined {
  if (options.length === 0) return undefined
  if (options.every((option) => Number.isInteger(option))) return toInteger
  if (options.every((option) => typeof option === 'number')) return toFloat
  if (options.every((option) => typeof option === 'boolean')) return toBoolean
  if (options.every((option) => typeof option === 'bigint')) return toBigint
  return undefined
}

/**
 * How a string becomes the scalar its schema expects (a number, boolean, bigint,
 * date, or one of numeric options), by Pydantic's grammar; undefined when the
 * schema takes strings as they are. The converter returns a string it cannot read unchanged.
 */
export function scalarConverter(schema: AnySchema): Converter | undefined {
  const node = unwrap(schema) as unknown as SchemaNode
  switch (node.type) {
    case 'number':
      return toNumber(node)
    case 'boolean':
      return toBoolean
    case 'bigint':
      return toBigint
    case 'date':
      return toDate
    case 'literal':
      return fromOptions([node.literal])
    case 'picklist':
    case 'enum':
      return fromOptions(node.options ?? [])
    case 'union':
      return unionConverter((node.options ?? []) as AnySchema[])
    default:
      return undefined
  }
}

/** A union converts when all its options convert the same way (`1 | 2`, `boolean | true`). */
function unionConverter(options: readonly AnySchema[]): Converter | undefined {
  const converters = new Set(options.map(scalarConverter))
  const [only] = converters
  return converters.size === 1 ? only : undefined
}

/**
 * Decides, once, how one field's raw string form becomes its typed value, by
 * Pydantic's string grammar: integers (`v.integer()` numbers), floats, booleans,
 * bigints, dates, numeric picklists and literals, and arrays of any of these
 * from repeated keys.
 *
 * @example
 * ```ts
 * const limit = coercer(v.optional(v.pipe(v.number(), v.integer()), 10))
 * limit(' 25 ') // 25
 * limit('0x11') // '0x11' (the schema rejects it: int_parsing)
 * ```
 */
export function coercer(schema: AnySchema): Coercer {
  const node = unwrap(schema) as unknown as SchemaNode
  if (node.type === 'array' && node.item) {
    const item = scalarConverter(node.item)
    if (!item) return asList
    return (raw) => asList(raw).map((value) => (typeof value === 'string' ? item(value) : value))
  }
  const scalar = scalarConverter(schema)
  if (!scalar) return last
  return (raw) => {
    const value = last(raw)
    return typeof value === 'string' ? scalar(value) : value
  }
}

/** Whether a field collects every value of a repeated key (its schema is an array). */
export function isArrayField(schema: AnySchema): boolean {
  return (unwrap(schema) as unknown as SchemaNode).type === 'array'
}
