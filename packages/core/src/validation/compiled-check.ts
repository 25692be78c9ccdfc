import * as v from 'valibot'
import type { AnySchema } from '../types'
import { type FastCheck, UNPROVEN } from './unproven'

export { UNPROVEN }

/**
 * A schema's check compiled into plain closures: the output valibot would give
 * for a value it accepts, or {@link UNPROVEN}.
 */
export type CompiledCheck = FastCheck

interface Node {
  readonly kind: string
  readonly type: string
  readonly '~run': (...args: never[]) => unknown
  readonly pipe?: readonly Node[]
  readonly entries?: Readonly<Record<string, Node>>
  readonly item?: Node
  readonly wrapped?: Node
  readonly default?: unknown
  readonly fallback?: unknown
  readonly requirement?: unknown
  readonly literal?: unknown
  readonly options?: readonly unknown[]
}

const compiled = new WeakMap<object, CompiledCheck | null>()

/**
 * The fast path of validating with `schema`, made once per schema: closures that
 * prove a value valid and build valibot's output for it (the same keys in the same
 * order, defaults filled in, arrays copied) without valibot's datasets, path items
 * and result objects. A value it cannot vouch for gives {@link UNPROVEN}, and the
 * caller validates with valibot itself, so every answer, issues included, is still
 * valibot's. The check is stricter than the schema where that is simpler (an array
 * is never an object, an integer must be exact), which also makes it right for
 * JSON bodies (see `jsonBodySchema`). A schema with any part it does not know, or
 * whose part is not valibot's own (a custom `~run`), is not compiled: `undefined`.
 * Closures, not generated code, so it runs the same on every runtime.
 *
 * @example
 * ```ts
 * const check = compiledCheck(v.object({ name: v.pipe(v.string(), v.minLength(1)) }))
 * check?.({ name: 'Widget', extra: 1 }) // { name: 'Widget' }
 * check?.({ name: '' }) // UNPROVEN: valibot reports the issue
 * ```
 */
export function compiledCheck(schema: AnySchema): CompiledCheck | undefined {
  let check = compiled.get(schema)
  if (check === undefined) {
    check = compile(schema as unknown as Node) ?? null
    compiled.set(schema, check)
  }
  return check ?? undefined
}

/** A part is compiled only if it runs valibot's own code for its type: the source of a reference instance's `~run`. */
const REFERENCES: Record<string, () => { '~run': unknown }> = {
  'schema:string': () => v.string(),
  'schema:number': () => v.number(),
  'schema:boolean': () => v.boolean(),
  'schema:null': () => v.null(),
  'schema:unknown': () => v.unknown(),
  'schema:any': () => v.any(),
  'schema:literal': () => v.literal(0),
  'schema:picklist': () => v.picklist([0]),
  'schema:object': () => v.object({}),
  'schema:array': () => v.array(v.string()),
  'schema:optional': () => v.optional(v.string()),
  'schema:nullable': () => v.nullable(v.string()),
  'schema:nullish': () => v.nullish(v.string()),
  pipe: () => v.pipe(v.string()),
  'validation:min_length': () => v.minLength(0),
  'validation:max_length': () => v.maxLength(0),
  'validation:length': () => v.length(0),
  'validation:non_empty': () => v.nonEmpty(),
  'validation:min_value': () => v.minValue(0),
  'validation:max_value': () => v.maxValue(0),
  'validation:gt_value': () => v.gtValue(0),
  'validation:lt_value': () => v.ltValue(0),
  'validation:integer': () => v.integer(),
  'validation:safe_integer': () => v.safeInteger(),
  'validation:regex': () => v.regex(/ /),
}

const sources = new Map<string, string>()

function isValibots(node: Node, kind: string): boolean {
  const reference = REFERENCES[kind]
  if (!reference) return false
  let source = sources.get(kind)
  if (source === undefined) {
    source = String(reference()['~run'])
    sources.set(kind, source)
  }
  return String(node['~run']) === source
}

function compile(node: Node): CompiledCheck | undefined {
  if (node.pipe) return isValibots(node, 'pipe') ? compilePipe(node.pipe) : undefined
  if (node.fallback !== undefined || !isValibots(node, `${node.kind}:${node.type}`))
    return undefined
  switch (node.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : UNPROVEN)
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : UNPROVEN)
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : UNPROVEN)
    case 'null':
      return (value) => (value === null ? value : UNPROVEN)
    case 'unknown':
    case 'any':
      return (value) => value
    case 'literal': {
      const literal = node.literal
      // valibot compares with SameValueZero, which is `===` for anything but NaN.
      if (Number.isNaN(literal)) return undefined
      return (value) => (value === literal ? value : UNPROVEN)
    }
    case 'picklist': {
      const options = node.options ?? []
      return (value) => (options.includes(value) ? value : UNPROVEN)
    }
    case 'object':
      return compileObject(node.entries ?? {})
    case 'array':
      return node.item && compileArray(node.item)
    case 'optional':
    case 'nullable':
    case 'nullish':
      return node.wrapped && compileWrapper(node.type, node.wrapped, node.default)
  }
  return undefined
}

/** A pipe's validations do not change the value: the first schema's output, if every one holds. */
function compilePipe(pipe: readonly Node[]): CompiledCheck | undefined {
  const [first, ...actions] = pipe
  const schema = first && compile(first)
  if (!schema) return undefined
  const holds: ((value: never) => boolean)[] = []
  for (const action of actions) {
    if (action.kind === 'metadata') continue
    if (!isValibots(action, `${action.kind}:${action.type}`)) return undefined
    const predicate = validation(action.type, action.requirement)
    if (!predicate) return undefined
    holds.push(predicate)
  }
  return (value) => {
    const output = schema(value)
    if (output === UNPROVEN) return UNPROVEN
    for (let i = 0; i < holds.length; i++) if (!holds[i]!(output as never)) return UNPROVEN
    return output
  }
}

/** Each validation written as valibot tests it, negated: it holds where valibot adds no issue. */
function validation(type: string, requirement: unknown): ((value: never) => boolean) | undefined {
  const limit = requirement as number
  switch (type) {
    case 'min_length':
      return (value: { length: number }) => !(value.length < limit)
    case 'max_length':
      return (value: { length: number }) => !(value.length > limit)
    case 'length':
      return (value: { length: number }) => value.length === limit
    case 'non_empty':
      return (value: { length: number }) => value.length !== 0
    case 'min_value':
      return (value: number) => value >= limit
    case 'max_value':
      return (value: number) => value <= limit
    case 'gt_value':
      return (value: number) => value > limit
    case 'lt_value':
      return (value: number) => value < limit
    // Exact integers only: a JSON body refuses one beyond 2^53 (`jsonBodySchema`); valibot decides the rest.
    case 'integer':
    case 'safe_integer':
      return (value: number) => Number.isSafeInteger(value)
    case 'regex': {
      const pattern = requirement as RegExp
      // A global or sticky pattern keeps state between tests; valibot alone tests it.
      if (pattern.global || pattern.sticky) return undefined
      return (value: string) => pattern.test(value)
    }
  }
  return undefined
}

const OPTIONAL_TYPES = new Set(['optional', 'exact_optional', 'nullish'])

interface Entry {
  readonly key: string
  readonly check: CompiledCheck
  readonly optional: boolean
  /** The value a missing key takes, when its schema has a default. */
  readonly default: unknown
}

/**
 * valibot's `v.object`, entry by entry in the schema's order: a key present (`in`,
 * as valibot reads it) is checked; a missing one takes its default, is left out
 * when optional, and is an issue otherwise.
 */
function compileObject(entries: Readonly<Record<string, Node>>): CompiledCheck | undefined {
  const compiledEntries: Entry[] = []
  for (const key in entries) {
    const entry = entries[key]!
    const check = compile(entry)
    if (!check) return undefined
    const optional = OPTIONAL_TYPES.has(entry.type)
    compiledEntries.push({ key, check, optional, default: optional ? entry.default : undefined })
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return UNPROVEN
    const input = value as Record<string, unknown>
    const output: Record<string, unknown> = {}
    for (let i = 0; i < compiledEntries.length; i++) {
      const entry = compiledEntries[i]!
      let field: unknown
      if (entry.key in input) field = input[entry.key]
      else if (entry.default !== undefined) field = entry.default
      else if (entry.optional) continue
      else return UNPROVEN
      const checked = entry.check(field)
      if (checked === UNPROVEN) return UNPROVEN
      output[entry.key] = checked
    }
    return output
  }
}

function compileArray(item: Node): CompiledCheck | undefined {
  const check = compile(item)
  if (!check) return undefined
  return (value) => {
    if (!Array.isArray(value)) return UNPROVEN
    const output: unknown[] = []
    for (let i = 0; i < value.length; i++) {
      const checked = check(value[i])
      if (checked === UNPROVEN) return UNPROVEN
      output.push(checked)
    }
    return output
  }
}

/**
 * `optional`, `nullable` and `nullish`: an empty value (`undefined`, `null` or both)
 * takes the default, and one still empty is valid as it is. A default made by a
 * function is left to valibot, which calls it with its own arguments.
 */
function compileWrapper(
  type: 'optional' | 'nullable' | 'nullish',
  wrapped: Node,
  fallback: unknown,
): CompiledCheck | undefined {
  if (typeof fallback === 'function') return undefined
  const check = compile(wrapped)
  if (!check) return undefined
  const isEmpty =
    type === 'optional'
      ? (value: unknown) => value === undefined
      : type === 'nullable'
        ? (value: unknown) => value === null
        : (value: unknown) => value === undefined || value === null
  return (value) => {
    if (isEmpty(value)) {
      if (fallback !== undefined) value = fallback
      if (isEmpty(value)) return value
    }
    return check(value)
  }
}
