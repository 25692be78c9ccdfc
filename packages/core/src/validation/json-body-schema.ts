import * as v from 'valibot'
import type { AnySchema } from '../types'

type Dataset = { value: unknown; typed?: boolean; issues?: v.BaseIssue<unknown>[] }
type Run = (dataset: Dataset, config: v.Config<v.BaseIssue<unknown>>) => Dataset

interface SchemaNode {
  readonly kind: string
  readonly type: string
  readonly message?: v.ErrorMessage<v.BaseIssue<unknown>>
  readonly expects?: string
  readonly entries?: Readonly<Record<string, AnySchema>>
  readonly rest?: AnySchema
  readonly wrapped?: AnySchema
  readonly item?: AnySchema
  readonly value?: AnySchema
  readonly options?: readonly AnySchema[]
  readonly pipe?: readonly [AnySchema, ...unknown[]]
  readonly '~run': Run
}

const OBJECTS = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest', 'record'])
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

const derived = new WeakMap<object, AnySchema>()

/**
 * The schema a JSON body is validated with: the declared one, except where
 * valibot takes what Pydantic refuses. An array is never an object or a record,
 * at any depth (valibot's `v.object` reads `[]` as an object with no keys;
 * Pydantic answers `model_attributes_type`, or `dict_type` for a dict). An
 * integer beyond ±(2^53−1) is refused (`int_parsing_size`): `JSON.parse` has
 * already rounded it, and the handler must not get another number than was sent.
 * Built once per schema; nodes with nothing to change beneath them are shared.
 *
 * @example
 * ```ts
 * const body = jsonBodySchema(v.object({ title: v.string() }))
 * v.safeParse(body, []).issues?.[0].type // 'object', with input []
 * ```
 */
export function jsonBodySchema(schema: AnySchema): AnySchema {
  let result = derived.get(schema)
  if (!result) {
    result = derive(schema)
    derived.set(schema, result)
  }
  return result
}

function derive(schema: AnySchema): AnySchema {
  const node = schema as unknown as SchemaNode
  if (node.pipe) return derivePipe(node, node.pipe)
  if (OBJECTS.has(node.type)) return rejectingArrays(node)
  if (WRAPPERS.has(node.type) && node.wrapped) return withChild(node, 'wrapped', node.wrapped)
  if (node.type === 'array' && node.item) return withChild(node, 'item', node.item)
  if (node.type === 'union' && node.options) {
    const options = node.options.map(jsonBodySchema)
    return options.every((option, i) => option === node.options?.[i])
      ? schema
      : override(node, { options })
  }
  return schema
}

/**
 * A pipe runs the items it was built with, not its properties, so its run is
 * taken from a pipe built again: around the derived first schema, and with the
 * exact-range check after an integer check.
 */
function derivePipe(node: SchemaNode, pipe: readonly [AnySchema, ...unknown[]]): AnySchema {
  const [first, ...rest] = pipe
  const inner = jsonBodySchema(first)
  const types = new Set(rest.map((item) => (item as { type?: string }).type))
  const unbounded = types.has('integer') && !types.has('safe_integer')
  if (inner === first && !unbounded) return node as unknown as AnySchema
  const items = unbounded ? [...rest, withinExactRange] : rest
  const rebuilt = v.pipe(inner, ...(items as [])) as unknown as SchemaNode
  return override(node, { pipe: rebuilt.pipe, '~run': rebuilt['~run'] })
}

/** Refuses integers a JS number cannot hold exactly; other values are the integer check's business. */
const withinExactRange: v.SafeIntegerAction<number, undefined> = {
  ...v.safeInteger(),
  '~run'(dataset, config) {
    const value = dataset.value
    if (dataset.typed && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      v._addIssue(this, 'safe integer', dataset, config)
    }
    return dataset
  },
}

function withChild(node: SchemaNode, key: 'wrapped' | 'item', child: AnySchema): AnySchema {
  const replaced = jsonBodySchema(child)
  return replaced === child ? (node as unknown as AnySchema) : override(node, { [key]: replaced })
}

/** A copy of a schema node with some properties replaced; valibot's schemas read them through `this`. */
function override(node: SchemaNode, properties: Record<string, unknown>): AnySchema {
  const copy = Object.create(node) as Record<string, unknown>
  for (const [key, value] of Object.entries(properties)) {
    Object.defineProperty(copy, key, { value, enumerable: true })
  }
  return copy as unknown as AnySchema
}

function rejectingArrays(node: SchemaNode): AnySchema {
  const properties: Record<string, unknown> = {}
  if (node.entries) {
    properties.entries = Object.fromEntries(
      Object.entries(node.entries).map(([key, entry]) => [key, jsonBodySchema(entry)]),
    )
  }
  if (node.rest) properties.rest = jsonBodySchema(node.rest)
  if (node.value) properties.value = jsonBodySchema(node.value)
  const run = node['~run']
  properties['~run'] = function (
    this: SchemaNode,
    dataset: Dataset,
    config: v.Config<v.BaseIssue<unknown>>,
  ) {
    if (!Array.isArray(dataset.value)) return run.call(this, dataset, config)
    addTypeIssue(node, dataset, config)
    return dataset
  }
  return override(node, properties)
}

/** The issue valibot itself gives an object schema for a value of the wrong type. */
function addTypeIssue(
  node: SchemaNode,
  dataset: Dataset,
  config: v.Config<v.BaseIssue<unknown>>,
): void {
  const issue: v.BaseIssue<unknown> = {
    kind: 'schema',
    type: node.type,
    input: dataset.value,
    expected: node.expects ?? 'Object',
    received: 'Array',
    message: `Invalid type: Expected ${node.expects ?? 'Object'} but received Array`,
    requirement: undefined,
    path: undefined,
    issues: undefined,
    lang: config.lang,
    abortEarly: config.abortEarly,
    abortPipeEarly: config.abortPipeEarly,
  }
  const message = node.message ?? config.message
  if (message !== undefined) {
    ;(issue as { message: string }).message =
      typeof message === 'function' ? message(issue) : message
  }
  dataset.typed = false
  if (dataset.issues) dataset.issues.push(issue)
  else dataset.issues = [issue]
}
