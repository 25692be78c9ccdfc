import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import * as v from 'valibot'
import { type Coercer, coercer, isArrayField, type RawValue } from './coerce'
import { HTTPException, RequestValidationError, type ValidationIssue } from './errors'
import { type InputSource, toValidationIssues } from './issues'
import type { AnySchema, ObjectSchema, RequestSource } from './types'

/**
 * A compiled reader for one declared input: reads the raw value from the request,
 * converting strings by schema type, ready to validate. Only body readers return a
 * promise, which may reject with an `HTTPException` (wrong content type, unreadable
 * form) or a `RequestValidationError` (malformed JSON).
 */
export interface InputReader {
  readonly source: InputSource
  readonly schema: AnySchema
  read(c: Context): unknown
}

/** Validates a raw input against its reader's schema: the value, or the issues in FastAPI's shape. */
export function validateInput(
  reader: InputReader,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] } {
  const result = v.safeParse(reader.schema, raw)
  if (result.success) return { ok: true, value: result.output }
  return { ok: false, issues: toValidationIssues(reader.source, result.issues) }
}

const LOCATION: Record<RequestSource, InputSource> = {
  params: 'path',
  query: 'query',
  headers: 'header',
  cookies: 'cookie',
}

interface Field {
  readonly key: string
  readonly coerce: Coercer
  /** An array field, filled from every value of a repeated key. */
  readonly repeated: boolean
}

type RawRecord = Record<string, RawValue | undefined>

const readers = new WeakMap<ObjectSchema, Map<RequestSource, InputReader>>()

/**
 * The reader for a request source declared with an object schema, built once per
 * schema and source: which fields exist, how each converts from its string form,
 * and (for headers) its wire name.
 */
export function sourceReader(source: RequestSource, schema: ObjectSchema): InputReader {
  const bySource = readers.get(schema) ?? new Map<RequestSource, InputReader>()
  readers.set(schema, bySource)
  let reader = bySource.get(source)
  if (!reader) {
    reader = { source: LOCATION[source], schema, read: rawReader(source, schema) }
    bySource.set(source, reader)
  }
  return reader
}

function fieldsOf(schema: ObjectSchema): Field[] {
  return Object.entries(schema.entries).map(([key, entry]) => ({
    key,
    coerce: coercer(entry as AnySchema),
    repeated: isArrayField(entry as AnySchema),
  }))
}

/**
 * A plain `v.object` drops undeclared keys, so only declared ones are read (one
 * lookup each, no copy of the whole query); strict, loose and rest objects are
 * given every key, so they can reject or keep the others.
 */
const readsOnlyDeclared = (schema: ObjectSchema) => (schema as { type?: string }).type === 'object'

function rawReader(source: RequestSource, schema: ObjectSchema): (c: Context) => unknown {
  const fields = fieldsOf(schema)
  const repeated = fields.some((field) => field.repeated)
  switch (source) {
    case 'params':
      return readsOnlyDeclared(schema)
        ? (c) => convertDeclared(fields, (field) => c.req.param(field.key))
        : (c) => convertAll(fields, c.req.param() as RawRecord)
    case 'query':
      if (readsOnlyDeclared(schema)) {
        return (c) =>
          convertDeclared(fields, (field) =>
            field.repeated ? c.req.queries(field.key) : c.req.query(field.key),
          )
      }
      return repeated
        ? (c) => convertAll(fields, c.req.queries() as RawRecord)
        : (c) => convertAll(fields, c.req.query())
    case 'headers':
      return headerReader(fields)
    case 'cookies':
      return (c) => {
        const jar = getCookie(c)
        return convertDeclared(fields, (field) => jar[field.key])
      }
  }
}

/** Keeps undeclared keys, so a strict object schema can reject them. */
function convertAll(fields: readonly Field[], raw: RawRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw }
  for (const { key, coerce } of fields) {
    const value = raw[key]
    if (value !== undefined) out[key] = coerce(value)
  }
  return out
}

/** Reads and converts the declared keys only: headers and cookies carry far more than any route declares. */
function convertDeclared(
  fields: readonly Field[],
  read: (field: Field) => RawValue | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    const value = read(field)
    if (value !== undefined) out[field.key] = field.coerce(value)
  }
  return out
}

/** Header names match case-insensitively, and an entry `x_token` reads header `x-token`. */
function headerReader(fields: readonly Field[]) {
  const names = new Map(
    fields.map((field) => [field, field.key.toLowerCase().replaceAll('_', '-')]),
  )
  return (c: Context) =>
    convertDeclared(
      fields,
      (field) => c.req.raw.headers.get(names.get(field) as string) ?? undefined,
    )
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i
const FORM_TYPE = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i

/**
 * The reader of a JSON body. An empty body reads as absent (the schema decides
 * whether that is allowed); a body with another content type is a 415; text that
 * is not JSON is a 422 `json_invalid` issue, as FastAPI reports it.
 */
export function jsonBodyReader(schema: AnySchema): InputReader {
  return { source: 'body', schema, read: readJson }
}

function readJson(c: Context): Promise<unknown> {
  return c.req.text().then((text) => parseJson(text, c.req.header('content-type')))
}

function parseJson(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined
  if (!JSON_TYPE.test(contentType ?? '')) {
    throw new HTTPException(415, 'Unsupported Media Type: expected application/json')
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new RequestValidationError([
      {
        loc: ['body'],
        msg: 'JSON decode error',
        type: 'json_invalid',
        ctx: { error: (error as Error).message },
      },
    ])
  }
}

/**
 * The reader of a urlencoded or multipart form: fields convert from strings by
 * schema type, repeated keys fill array fields, files arrive as `File`.
 */
export function formBodyReader(schema: ObjectSchema): InputReader {
  const fields = fieldsOf(schema)
  return {
    source: 'body',
    schema,
    async read(c) {
      if (!FORM_TYPE.test(c.req.header('content-type') ?? '')) {
        if ((await c.req.text()) === '') return undefined
        throw new HTTPException(
          415,
          'Unsupported Media Type: expected application/x-www-form-urlencoded or multipart/form-data',
        )
      }
      try {
        return convertAll(fields, (await c.req.parseBody({ all: true })) as RawRecord)
      } catch {
        throw new HTTPException(400, 'There was an error parsing the body')
      }
    },
  }
}
