import type * as v from 'valibot'

/** One raw input value as it arrives: a string, a form file, or every value of a repeated key. */
export type RawValue = string | File | readonly (string | File)[]

/**
 * Converts the raw string form of one input value (or every value of a repeated
 * key) to what its schema expects. Anything it cannot convert, files included,
 * is passed on unchanged, so the schema reports it with the original input.
 */
export type Coercer = (raw: RawValue) => unknown

type AnySchema = v.GenericSchema | v.GenericSchemaAsync

interface SchemaNode {
  readonly type: string
  readonly wrapped?: AnySchema
  readonly item?: AnySchema
  readonly options?: readonly unknown[]
  readonly literal?: unknown
  readonly getter?: (input: unknown) => AnySchema
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

const TRUE = new Set(['true', '1', 'yes', 'on'])
const FALSE = new Set(['false', '0', 'no', 'off'])

/** A repeated key given to a single-valued field counts by its last value, as in FastAPI. */
const last = (raw: RawValue): string | File | undefined =>
  Array.isArray(raw) ? raw[raw.length - 1] : (raw as string | File)

const asList = (raw: RawValue): readonly (string | File)[] =>
  Array.isArray(raw) ? raw : [raw as string | File]

function toNumber(text: string): number | string {
  if (text.trim() === '') return text
  const value = Number(text)
  return Number.isNaN(value) ? text : value
}

function toBoolean(text: string): boolean | string {
  const lower = text.toLowerCase()
  if (TRUE.has(lower)) return true
  if (FALSE.has(lower)) return false
  return text
}

function toBigint(text: string): bigint | string {
  try {
    return BigInt(text)
  } catch {
    return text
  }
}

function toDate(text: string): Date | string {
  const date = new Date(text)
  return Number.isNaN(date.getTime()) ? text : date
}

const SCALARS: Record<string, (text: string) => unknown> = {
  number: toNumber,
  boolean: toBoolean,
  bigint: toBigint,
  date: toDate,
}

/** The converter for values whose options are all of one primitive kind (picklist, enum, literal, union). */
function fromOptions(options: readonly unknown[]): ((text: string) => unknown) | undefined {
  if (options.length === 0) return undefined
  if (options.every((option) => typeof option === 'number')) return toNumber
  if (options.every((option) => typeof option === 'boolean')) return toBoolean
  if (options.every((option) => typeof option === 'bigint')) return toBigint
  return undefined
}

function scalarConverter(schema: AnySchema): ((text: string) => unknown) | undefined {
  const node = unwrap(schema) as unknown as SchemaNode
  const direct = SCALARS[node.type]
  if (direct) return direct
  if (node.type === 'literal') return fromOptions([node.literal])
  if (node.type === 'picklist' || node.type === 'enum') return fromOptions(node.options ?? [])
  if (node.type === 'union' && node.options) {
    const kinds = (node.options as AnySchema[]).map((option) => {
      const inner = unwrap(option) as unknown as SchemaNode
      return inner.type === 'literal' ? typeof inner.literal : inner.type
    })
    if (kinds.every((kind) => kind === 'number')) return toNumber
    if (kinds.every((kind) => kind === 'boolean')) return toBoolean
  }
  return undefined
}

/**
 * Decides, once, how one field's raw string form becomes its typed value:
 * numbers, booleans (`true/false/1/0/yes/no/on/off`), bigints, dates, numeric
 * picklists and literals, and arrays of any of these from repeated keys.
 *
 * @example
 * ```ts
 * const limit = coercer(v.optional(v.pipe(v.number(), v.integer()), 10))
 * limit('25') // 25
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
