import type { AnySchema } from './types'
import { unwrap } from './validation/coerce'

type Strip = (value: unknown) => unknown

interface SchemaNode {
  readonly type: string
  readonly entries?: Record<string, AnySchema>
  readonly item?: AnySchema
  readonly options?: readonly AnySchema[]
  readonly value?: AnySchema
}

const identity: Strip = (value) => value
const OBJECTS = new Set(['object', 'strict_object'])

/**
 * Builds, once per schema, a function that drops every object key the schema does
 * not declare — at any depth, through arrays, records and unions — without
 * validating anything. Response filtering uses it when validation is turned off,
 * so a field such as a password hash can never leak.
 *
 * @example
 * ```ts
 * const strip = stripper(v.object({ id: v.number(), email: v.string() }))
 * strip({ id: 1, email: 'a@b.c', passwordHash: '…' }) // { id: 1, email: 'a@b.c' }
 * ```
 */
export function stripper(schema: AnySchema): Strip {
  const node = unwrap(schema) as unknown as SchemaNode
  if (OBJECTS.has(node.type) && node.entries) return objectStripper(node.entries)
  if (node.type === 'array' && node.item) {
    const item = stripper(node.item)
    if (item === identity) return identity
    return (value) => (Array.isArray(value) ? value.map(item) : value)
  }
  if (node.type === 'union' && node.options) return unionStripper(node.options)
  if (node.type === 'record' && node.value) {
    const entry = stripper(node.value)
    if (entry === identity) return identity
    return (value) => mapValues(value, entry)
  }
  return identity
}

function objectStripper(entries: Record<string, AnySchema>): Strip {
  const fields = Object.entries(entries).map(([key, entry]) => [key, stripper(entry)] as const)
  return (value) => {
    if (!isPlainObject(value)) return value
    const out: Record<string, unknown> = {}
    for (const [key, strip] of fields) if (key in value) out[key] = strip(value[key])
    return out
  }
}

/** A union keeps the keys any of its object options declare. */
function unionStripper(options: readonly AnySchema[]): Strip {
  const entries: Record<string, AnySchema> = {}
  for (const option of options) {
    const inner = unwrap(option) as unknown as SchemaNode
    if (!OBJECTS.has(inner.type) || !inner.entries) return identity
    Object.assign(entries, inner.entries)
  }
  return objectStripper(entries)
}

function mapValues(value: unknown, strip: Strip): unknown {
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const key in value) out[key] = strip(value[key])
  return out
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
