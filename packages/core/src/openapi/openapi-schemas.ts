import {
  type ConversionConfig,
  type JsonSchema,
  type OverrideSchemaContext,
  toJsonSchema,
  toJsonSchemaDefs,
} from '@valibot/to-json-schema'
import * as v from 'valibot'
import { model, modelName } from '../model'
import type { AnySchema } from '../types'
import type { DecimalSchema } from '../validation/decimal'
import { decimalJsonSchema } from '../validation/decimal-json-schema'
import { isSetSchema } from '../validation/set-of'

/** A JSON Schema as it appears in the OpenAPI document (the 2020-12 dialect of OpenAPI 3.1). */
export type JSONSchema = JsonSchema

/** Where named models live in the document. */
const COMPONENTS = '#/components/schemas/'

/** Every schema named with `model()` reachable from some roots, by name (one name may be given twice). */
export type ModelTable = ReadonlyMap<string, readonly AnySchema[]>

/**
 * Finds every schema named with {@link model} inside the given schemas, at any
 * depth (object entries, array items, union options, wrapped, piped and lazy schemas).
 *
 * @example
 * ```ts
 * collectModels([v.array(TodoPublic)]) // Map { 'TodoPublic' => [TodoPublic] }
 * ```
 */
export function collectModels(roots: Iterable<AnySchema>): ModelTable {
  const models = new Map<string, AnySchema[]>()
  for (const schema of reachableSchemas(roots)) {
    const name = modelName(schema)
    if (name !== undefined) models.set(name, [...(models.get(name) ?? []), schema])
  }
  return models
}

/**
 * Every schema the given schemas are made of, themselves included, each once.
 *
 * @example
 * ```ts
 * reachableSchemas([form]).some((schema) => schema.type === 'file') // does the form take files?
 * ```
 */
export function reachableSchemas(roots: Iterable<AnySchema>): Set<AnySchema> {
  const seen = new Set<AnySchema>()
  const visit = (schema: AnySchema) => {
    if (seen.has(schema)) return
    seen.add(schema)
    for (const child of childSchemas(schema)) visit(child)
  }
  for (const root of roots) visit(root)
  return seen
}

function isSchema(value: unknown): value is AnySchema {
  return typeof value === 'object' && value !== null && (value as AnySchema).kind === 'schema'
}

/** The schemas a schema is made of, whatever its kind: valibot keeps them in plain properties. */
function childSchemas(schema: AnySchema): AnySchema[] {
  const children: AnySchema[] = []
  for (const [key, value] of Object.entries(schema)) {
    if (isSchema(value)) children.push(value)
    else if (Array.isArray(value)) children.push(...value.filter(isSchema))
    else if (key === 'entries' && typeof value === 'object' && value !== null)
      children.push(...Object.values(value).filter(isSchema))
  }
  if (schema.type === 'lazy') children.push((schema as v.LazySchema<AnySchema>).getter(undefined))
  return children
}

/** Schemas valibot's converter cannot express, written as OpenAPI 3.1 expects them. */
function overrideSchema({
  valibotSchema,
  jsonSchema,
}: OverrideSchemaContext): JsonSchema | undefined {
  switch (valibotSchema.type) {
    case 'record':
      return withoutTypedKeys(jsonSchema)
    case 'array':
      return isSetSchema(valibotSchema) ? { ...jsonSchema, uniqueItems: true } : undefined
    case 'decimal':
      return decimalJsonSchema((valibotSchema as DecimalSchema).constraints)
    case 'file':
    case 'blob':
      return { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' }
    case 'date':
      return { type: 'string', format: 'date-time' }
    case 'bigint':
      return { type: 'integer', format: 'int64' }
    default:
      return undefined
  }
}

/**
 * A JSON property name is always a string: a record's `propertyNames` says no more
 * than `{type: "string"}`, or is wrong (`dictKey()` reads numbers from strings), so
 * it is left out, as FastAPI documents `dict[str, float]` and `dict[int, float]`.
 * A key schema with a pattern or a list of names keeps it.
 */
function withoutTypedKeys(jsonSchema: JsonSchema): JsonSchema | undefined {
  const names = jsonSchema.propertyNames
  if (typeof names !== 'object' || Object.keys(names).some((key) => key !== 'type'))
    return undefined
  const { propertyNames: _, ...rest } = jsonSchema
  return rest
}

/** Converts valibot schemas to the document's JSON Schemas, naming models by `$ref`. */
export interface SchemaConverter {
  /** The JSON Schema of one schema: a `$ref` when it is a named model. */
  convert(schema: AnySchema): JSONSchema
  /** Every named model's JSON Schema, for `components/schemas`. */
  components(): Record<string, JSONSchema>
}

/**
 * Builds the converter for one document over `@valibot/to-json-schema`, with
 * every named model registered as a definition so that each use of it becomes a
 * `$ref` to `components/schemas`. Throws when one name is given to two schemas
 * that convert differently. Conversion describes a schema's input side, and
 * parts JSON Schema cannot express (transforms, custom checks) are left out.
 *
 * @example
 * ```ts
 * const converter = schemaConverter(collectModels([TodoList]))
 * converter.convert(TodoList) // { $ref: '#/components/schemas/TodoList' }
 * ```
 */
export function schemaConverter(models: ModelTable): SchemaConverter {
  // Every schema given a name is registered, so that each of its uses becomes a `$ref`;
  // a name given twice (to equal schemas) is registered under a second key, left out of components.
  const keys = new Map<AnySchema, string>()
  for (const [name, schemas] of models) {
    for (const [i, schema] of schemas.entries()) keys.set(schema, i === 0 ? name : `${name} ${i}`)
  }
  // The converter converts every definition it is given, so each conversion gets only the models it reaches.
  const definitionsFor = (roots: Iterable<AnySchema>) => {
    const reached = [...reachableSchemas(roots)].filter((schema) => keys.has(schema))
    return Object.fromEntries(reached.map((schema) => [keys.get(schema)!, schema]))
  }
  const config: ConversionConfig = {
    target: 'draft-2020-12',
    typeMode: 'input',
    errorMode: 'ignore',
    overrideSchema,
    overrideRef: ({ valibotSchema }) => {
      const name = modelName(valibotSchema)
      return name === undefined ? undefined : COMPONENTS + name
    },
  }
  assertOneSchemaPerName(models, config)
  return {
    convert(schema) {
      const name = modelName(schema)
      if (name !== undefined) return { $ref: COMPONENTS + name }
      const definitions = definitionsFor([schema])
      const {
        $schema: _,
        $defs: __,
        ...converted
      } = toJsonSchema(schema, { ...config, definitions })
      return converted
    },
    components() {
      const converted = toJsonSchemaDefs(definitionsFor(keys.keys()), config)
      return Object.fromEntries([...models.keys()].map((name) => [name, converted[name]!]))
    },
  }
}

function assertOneSchemaPerName(models: ModelTable, config: ConversionConfig) {
  for (const [name, schemas] of models) {
    if (schemas.length < 2) continue
    const forms = new Set(
      schemas.map((schema) => JSON.stringify(toJsonSchemaDefs({ schema }, config))),
    )
    if (forms.size > 1) {
      throw new TypeError(
        `Model name "${name}" is given to two different schemas: give one of them another name`,
      )
    }
  }
}

/** One problem with one input, as FastAPI documents it. */
export const ValidationErrorModel = model(
  'ValidationError',
  v.object({
    loc: v.array(v.union([v.string(), v.pipe(v.number(), v.integer())])),
    msg: v.string(),
    type: v.string(),
    input: v.optional(v.unknown()),
    ctx: v.optional(v.record(v.string(), v.unknown())),
  }),
)

/** The body of every 422 response, named and shaped as FastAPI's. */
export const HTTPValidationErrorModel = model(
  'HTTPValidationError',
  v.object({ detail: v.array(ValidationErrorModel) }),
)

/** The body of every 422 response of an app with `errorFormat: 'problem'` (RFC 9457). */
export const HTTPValidationProblemModel = model(
  'HTTPValidationProblem',
  v.object({
    type: v.string(),
    title: v.string(),
    status: v.pipe(v.number(), v.integer()),
    detail: v.string(),
    errors: v.array(ValidationErrorModel),
  }),
)

/** The body of every error but a 422 in an app with `errorFormat: 'problem'` (RFC 9457). */
export const HTTPProblemModel = model(
  'HTTPProblem',
  v.object({
    type: v.string(),
    title: v.string(),
    status: v.pipe(v.number(), v.integer()),
    detail: v.unknown(),
  }),
)
