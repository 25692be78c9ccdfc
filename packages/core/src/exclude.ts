import * as v from 'valibot'
import type { AnySchema } from './types'
import { unwrap } from './validation/coerce'

/** Which fields to leave out of a response body, as FastAPI's `response_model_exclude_*`. */
export interface ExcludeOptions {
  /** Leave out fields the handler did not set, even where the schema gives them a default. */
  readonly excludeUnset?: boolean
  /** Leave out fields whose value is their schema's default. */
  readonly excludeDefaults?: boolean
  /** Leave out fields whose value is `null`. */
  readonly excludeNone?: boolean
}

/** Shapes a validated body, given the value the handler returned. */
export type Exclude = (returned: unknown, body: unknown) => unknown

interface SchemaNode {
  readonly type: string
  readonly entries?: Record<string, AnySchema>
  readonly item?: AnySchema
  readonly default?: unknown
}

/**
 * Builds, once per route and status, what leaves fields out of a response body
 * after it was validated (and its defaults filled) against `schema`; `undefined`
 * when no option asks for it, so the response path stays as it is.
 *
 * @example
 * ```ts
 * const exclude = excluder(Item, { excludeUnset: true })!
 * exclude({ name: 'Foo' }, { name: 'Foo', tax: 10.5, tags: [] }) // { name: 'Foo' }
 * ```
 */
export function excluder(schema: AnySchema, options: ExcludeOptions): Exclude | undefined {
  const steps: Exclude[] = []
  if (options.excludeUnset) steps.push(withoutUnset)
  if (options.excludeDefaults) {
    const prune = defaultsPruner(schema)
    steps.push((_returned, body) => prune(body))
  }
  if (options.excludeNone) steps.push((_returned, body) => withoutNone(body))
  if (steps.length === 0) return undefined
  return (returned, body) => steps.reduce((shaped, step) => step(returned, shaped), body)
}

/** Keeps, at every depth, only the keys the handler's own value has. */
function withoutUnset(returned: unknown, body: unknown): unknown {
  if (Array.isArray(body) && Array.isArray(returned)) {
    return body.map((item, i) => withoutUnset(returned[i], item))
  }
  if (!isPlainObject(body) || !isPlainObject(returned)) return body
  const out: Record<string, unknown> = {}
  for (const key in body) if (key in returned) out[key] = withoutUnset(returned[key], body[key])
  return out
}

function withoutNone(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutNone)
  if (!isPlainObject(body)) return body
  const out: Record<string, unknown> = {}
  for (const key in body) if (body[key] !== null) out[key] = withoutNone(body[key])
  return out
}

type Prune = (body: unknown) => unknown
const keep: Prune = (body) => body

/** Drops fields equal to their schema's static default, through nested objects and arrays. */
function defaultsPruner(schema: AnySchema): Prune {
  const node = unwrap(schema) as unknown as SchemaNode
  if (node.type === 'array' && node.item) {
    const item = defaultsPruner(node.item)
    return item === keep ? keep : (body) => (Array.isArray(body) ? body.map(item) : body)
  }
  if (!node.entries) return keep
  const fields = Object.entries(node.entries).map(([key, entry]) => {
    const { default: given } = entry as unknown as SchemaNode
    // A default computed per call (a factory) has no one value to compare with.
    const fixed = typeof given === 'function' ? NO_DEFAULT : v.getDefault(entry as never)
    return { key, fixed, prune: defaultsPruner(entry) }
  })
  return (body) => {
    if (!isPlainObject(body)) return body
    const out: Record<string, unknown> = {}
    for (const key in body) out[key] = body[key]
    for (const { key, fixed, prune } of fields) {
      if (!(key in out)) continue
      if (fixed !== NO_DEFAULT && fixed !== undefined && isEqual(out[key], fixed)) delete out[key]
      else out[key] = prune(out[key])
    }
    return out
  }
}

const NO_DEFAULT = Symbol('no default')

/** Defaults are JSON values: equal when they serialize alike. */
function isEqual(value: unknown, fixed: unknown): boolean {
  if (typeof fixed !== 'object' || fixed === null) return value === fixed
  return JSON.stringify(value) === JSON.stringify(fixed)
}

/** Only plain records: a `Date` or a class instance is a value, not a set of fields. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
