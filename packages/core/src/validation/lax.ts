import type { AnySchema } from '../types'
import { isIntegerSchema, parseBoolean, parseFloatString, parseInteger, unwrap } from './coerce'

/** Converts a value in place where the schema expects a number or boolean; anything else is returned as is. */
export type LaxConverter = (value: unknown) => unknown

interface SchemaNode {
  readonly type: string
  readonly entries?: Readonly<Record<string, AnySchema>>
  readonly rest?: AnySchema
  readonly item?: AnySchema
  readonly value?: AnySchema
}

const keep: LaxConverter = (value) => value

const toInteger: LaxConverter = (value) => {
  if (typeof value === 'boolean') return Number(value)
  if (typeof value !== 'string') return value
  const parsed = parseInteger(value)
  return typeof parsed === 'number' ? parsed : value
}

const toFloat: LaxConverter = (value) => {
  if (typeof value === 'boolean') return Number(value)
  return typeof value === 'string' ? (parseFloatString(value) ?? value) : value
}

const toBoolean: LaxConverter = (value) => {
  if (value === 0 || value === 1) return value === 1
  return typeof value === 'string' ? (parseBoolean(value) ?? value) : value
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const converters = new WeakMap<object, LaxConverter>()

/**
 * Pydantic's lax mode for JSON bodies, as FastAPI validates them (and for a
 * returned value that fails its response schema, as FastAPI serialises it): where the
 * schema expects a number, a numeric string (`"50.5"`, `" 7 "`, `"1_000"`) or a
 * boolean is taken as that number; where it expects a boolean, `"yes"`, `"off"`,
 * `1` or `0` is taken as that boolean; through objects, records and arrays at
 * any depth. Strings that do not parse are left for the schema to reject, so the
 * issue reads `int_parsing` or `bool_parsing` and echoes them. Built once per
 * schema; the converter changes the parsed body it is given in place (it belongs
 * to the request) and returns it.
 *
 * @example
 * ```ts
 * const lax = laxConverter(v.object({ price: v.number(), tax: v.optional(v.number()) }))
 * v.parse(Item, lax(JSON.parse('{"price": "50.5"}'))) // { price: 50.5 }
 * ```
 */
export function laxConverter(schema: AnySchema): LaxConverter {
  let converter = converters.get(schema)
  if (!converter) {
    converter = build(schema)
    converters.set(schema, converter)
  }
  return converter
}

function build(schema: AnySchema): LaxConverter {
  const node = unwrap(schema) as unknown as SchemaNode
  switch (node.type) {
    case 'number':
      return isIntegerSchema(node as unknown as AnySchema) ? toInteger : toFloat
    case 'boolean':
      return toBoolean
    case 'array':
      return node.item ? itemsConverter(laxConverter(node.item)) : keep
    case 'record':
      return node.value ? valuesConverter(laxConverter(node.value)) : keep
    default:
      return node.entries ? entriesConverter(node) : keep
  }
}

function itemsConverter(item: LaxConverter): LaxConverter {
  if (item === keep) return keep
  return (value) => {
    if (!Array.isArray(value)) return value
    for (let i = 0; i < value.length; i++) value[i] = item(value[i])
    return value
  }
}

function valuesConverter(each: LaxConverter): LaxConverter {
  if (each === keep) return keep
  return (value) => {
    if (!isRecord(value)) return value
    for (const key of Object.keys(value)) value[key] = each(value[key])
    return value
  }
}

/** Only the entries that can convert are visited. */
function entriesConverter(node: SchemaNode): LaxConverter {
  const fields = Object.entries(node.entries ?? {})
    .map(([key, entry]) => [key, laxConverter(entry)] as const)
    .filter(([, convert]) => convert !== keep)
  if (fields.length === 0) return keep
  return (value) => {
    if (!isRecord(value)) return value
    for (const [key, convert] of fields) {
      if (key in value) value[key] = convert(value[key])
    }
    return value
  }
}
