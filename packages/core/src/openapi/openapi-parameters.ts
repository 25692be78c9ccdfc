import { isObjectSchema } from '../depends'
import type { RouteDefinition } from '../route'
import type { AnySchema, FormSchema } from '../types'
import { type InputReader, metadataOf } from '../validation/inputs'
import { type JSONSchema, reachableSchemas, type SchemaConverter } from './openapi-schemas'

/** An OpenAPI Parameter Object. */
export interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: JSONSchema
  description?: string
  example?: unknown
  deprecated?: boolean
}

/** An OpenAPI Request Body Object. */
export interface RequestBodyObject {
  required: boolean
  content: Record<string, { schema: JSONSchema }>
}

const OPTIONAL_TYPES: ReadonlySet<string> = new Set([
  'optional',
  'exact_optional',
  'nullish',
  'undefinedable',
])

function isOptional(schema: AnySchema): boolean {
  return OPTIONAL_TYPES.has(schema.type)
}

/**
 * The OpenAPI parameters of every input a route reads from its path, query,
 * headers and cookies — its own and its dependencies', at any depth — one per
 * object entry, each once, under its name on the wire, as the request reader
 * matches it: a header entry `x_token` is the header `x-token` (unless
 * `convertUnderscores: false`), and a field with an `alias` in its metadata is
 * documented under the alias, as FastAPI documents them; one marked
 * `includeInSchema: false` is left out, one marked `deprecated` says so.
 *
 * @example
 * ```ts
 * parametersOf(mounted.plan.inputs, converter)
 * // [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }, …]
 * ```
 */
export function parametersOf(
  inputs: readonly InputReader[],
  converter: SchemaConverter,
): ParameterObject[] {
  const parameters = new Map<string, ParameterObject>()
  for (const reader of inputs) {
    if (reader.source === 'body' || !reader.fields || !isObjectSchema(reader.schema)) continue
    const { entries } = reader.schema
    for (const { key, wire } of reader.fields) {
      const id = `${reader.source} ${reader.source === 'header' ? wire.toLowerCase() : wire}`
      const entry = entries[key] as AnySchema
      if (!parameters.has(id) && metadataOf(entry).includeInSchema !== false) {
        parameters.set(id, parameter(wire, reader.source, entry, converter))
      }
    }
  }
  return [...parameters.values()]
}

function parameter(
  name: string,
  location: ParameterObject['in'],
  entry: AnySchema,
  converter: SchemaConverter,
): ParameterObject {
  const deprecated = metadataOf(entry).deprecated === true
  const converted = converter.convert(entry)
  // FastAPI marks a deprecated parameter, and Pydantic its schema.
  const schema = deprecated ? { ...converted, deprecated: true } : converted
  const described: ParameterObject = {
    name,
    in: location,
    required: location === 'path' || !isOptional(entry),
    schema,
  }
  // Swagger UI and generators read these from the parameter, not from its schema.
  if (typeof schema.description === 'string') described.description = schema.description
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    described.example = schema.examples[0]
  if (deprecated) described.deprecated = true
  return described
}

/**
 * The request body of a route: its JSON `body`, or its `form` as
 * `application/x-www-form-urlencoded` — or `multipart/form-data` when a field
 * takes files, which are documented as binary strings.
 *
 * @example
 * ```ts
 * requestBodyOf({ body: TodoCreate }, converter)
 * // { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/TodoCreate' } } } }
 * ```
 */
export function requestBodyOf(
  definition: RouteDefinition,
  converter: SchemaConverter,
): RequestBodyObject | undefined {
  if (definition.body) {
    return {
      required: !isOptional(definition.body),
      content: { 'application/json': { schema: converter.convert(definition.body) } },
    }
  }
  if (definition.form) {
    return {
      required: !isOptional(definition.form),
      content: { [formMediaType(definition.form)]: { schema: converter.convert(definition.form) } },
    }
  }
  return undefined
}

function formMediaType(form: FormSchema): string {
  const takesFiles = [...reachableSchemas([form])].some(
    (schema) => schema.type === 'file' || schema.type === 'blob',
  )
  return takesFiles ? 'multipart/form-data' : 'application/x-www-form-urlencoded'
}
