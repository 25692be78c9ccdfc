import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { tryDecodeURIComponent } from 'hono/utils/url'
import * as v from 'valibot'
import { fastCheck } from '#fast-checks'
import { bodyBytes } from '../body-bytes'
import { HTTPException, RequestValidationError, type ValidationIssue } from '../errors'
import type { AnySchema, FormSchema, ObjectSchema, RequestSource } from '../types'
import { type Coercer, coercer, isArrayField, type RawValue, unwrap } from './coerce'
import { type InputSource, type IssueContext, toValidationIssues, validationConfig } from './issues'
import { jsonBodySchema } from './json-body-schema'
import { locateJSONError } from './json-errors'
import { laxConverter } from './lax'
import { UNPROVEN } from './unproven'

/** The outcome of validating one input: its value, or its issues in FastAPI's shape. */
export type InputResult = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] }

/**
 * A compiled reader for one declared input. `read` takes the value from the
 * request as it was sent (strings stay strings); `validate` converts and checks
 * it. Only body readers return a promise, which may reject with an
 * `HTTPException` (wrong content type, unreadable form) or a
 * `RequestValidationError` (malformed JSON).
 */
export interface InputReader {
  readonly source: InputSource
  readonly schema: AnySchema
  read(c: Context): unknown
  validate(sent: unknown): InputResult
  /** The fields of a path, query, header or cookie object schema, with their wire names. */
  readonly fields?: readonly Field[]
}

/** Validates a value read by its reader: the value, or the issues in FastAPI's shape. */
export function validateInput(reader: InputReader, sent: unknown): InputResult {
  return reader.validate(sent)
}

const LOCATION: Record<RequestSource, InputSource> = {
  params: 'path',
  query: 'query',
  headers: 'header',
  cookies: 'cookie',
}

/**
 * What a field of a string source (or a form) may say about its wire name, with
 * `v.metadata` on the field (or, for `convertUnderscores`, on the object schema):
 *
 * - `alias`: the name it is sent under, when it is not the schema key
 *   (`v.pipe(v.string(), v.metadata({ alias: 'item-query' }))`), as FastAPI's `alias`.
 * - `convertUnderscores: false`: a header entry `x_token` reads header `x_token`,
 *   not `x-token` (FastAPI's `Header(convert_underscores=False)`).
 */
export interface FieldMetadata {
  readonly alias?: string
  readonly convertUnderscores?: boolean
  /**
   * On a JSON body's object schema: its fields are separate body parameters, as
   * FastAPI's several `Body()` parameters (or `Body(embed=True)`): a body that is
   * absent or not an object reports each required field missing, with `input: null`,
   * and a field sent as `null` is absent.
   */
  readonly embed?: boolean
  /**
   * On a query, header, cookie or form object schema: the fields make one model, as
   * FastAPI's `Annotated[Model, Header()]` (or `Query()`, `Cookie()`, `Form()`): issues
   * are located by field name (`x_user_id`, not `x-user-id`), and a missing field echoes
   * the model's whole input, defaults included. A strict object refuses other keys, a
   * loose one keeps them (repeated ones as lists).
   */
  readonly model?: boolean
  /** On a parameter: documented as deprecated (FastAPI's `Query(deprecated=True)`); still read. */
  readonly deprecated?: boolean
  /** `false` on a parameter: left out of the OpenAPI document (FastAPI's `include_in_schema=False`); still read. */
  readonly includeInSchema?: boolean
}

/** One declared field of a string source, decided once per schema. */
export interface Field {
  readonly key: string
  /** The name on the wire: the alias, or for headers `x_token` → `x-token`; as FastAPI writes it in `loc`. */
  readonly wire: string
  readonly coerce: Coercer
  /** An array field, filled from every value of a repeated key. */
  readonly repeated: boolean
}

type Sent = Record<string, RawValue>

interface SchemaWithPipe {
  readonly pipe?: readonly { readonly type: string; readonly metadata?: object }[]
  readonly wrapped?: SchemaWithPipe
}

/** Metadata given to a schema with `v.metadata`, through pipes and optional/nullable wrappers. */
export function metadataOf(schema: AnySchema): FieldMetadata {
  const found: Record<string, unknown> = {}
  for (let node: SchemaWithPipe | undefined = schema as SchemaWithPipe; node; node = node.wrapped) {
    for (const item of node.pipe ?? []) {
      if (item.type === 'metadata' && item.metadata) {
        for (const [key, value] of Object.entries(item.metadata)) found[key] ??= value
      }
    }
  }
  return found
}

/**
 * The fields of an object schema read from a request source: wire names and
 * converters, decided once per schema.
 *
 * @example
 * ```ts
 * fieldsOf(v.object({ x_token: v.string() }), 'headers') // [{ key: 'x_token', wire: 'x-token', … }]
 * ```
 */
export function fieldsOf(schema: ObjectSchema, source: RequestSource | 'form'): Field[] {
  const convert = metadataOf(schema).convertUnderscores ?? true
  return Object.entries(schema.entries).map(([key, entry]) => {
    const meta = metadataOf(entry as AnySchema)
    const converted = source === 'headers' && (meta.convertUnderscores ?? convert)
    return {
      key,
      wire: meta.alias ?? (converted ? key.replaceAll('_', '-') : key),
      coerce: coercer(entry as AnySchema),
      repeated: isArrayField(entry as AnySchema),
    }
  })
}

const readers = new WeakMap<ObjectSchema, Map<RequestSource, InputReader>>()

/**
 * The reader for a request source declared with an object schema, built once per
 * schema and source: which fields exist, their wire names, and how each converts
 * from its string form.
 */
export function sourceReader(source: RequestSource, schema: ObjectSchema): InputReader {
  const bySource = readers.get(schema) ?? new Map<RequestSource, InputReader>()
  readers.set(schema, bySource)
  let reader = bySource.get(source)
  if (!reader) {
    const fields = fieldsOf(schema, source)
    reader = {
      source: LOCATION[source],
      schema,
      fields,
      read: sentReader(source, schema, fields),
      validate: stringsValidator(LOCATION[source], schema, fields),
    }
    bySource.set(source, reader)
  }
  return reader
}

/**
 * Converts what was sent, validates it, and reads issues against what was
 * sent, so a rejected value is echoed as sent and located by its wire name.
 */
function stringsValidator(
  source: InputSource,
  schema: ObjectSchema,
  fields: readonly Field[],
): (sent: unknown) => InputResult {
  const model = metadataOf(schema).model === true
  // A model's issues are located by field name (or alias), as Pydantic locates them inside the model.
  const renamed = fields.filter((field) =>
    model
      ? metadataOf(schema.entries[field.key] as AnySchema).alias !== undefined
      : field.wire !== field.key,
  )
  const names = new Map(renamed.map((field) => [field.key, field.wire]))
  const keepsOthers = !readsOnlyDeclared(schema)
  const check = fastCheck(schema)
  return (sent) => {
    const values = convert(fields, sent as Sent, keepsOthers)
    const checked = check ? check(values) : UNPROVEN
    if (checked !== UNPROVEN) return { ok: true, value: checked }
    const result = v.safeParse(schema, values, validationConfig)
    if (result.success) return { ok: true, value: result.output }
    const context: IssueContext = { schema, marked: true, names, sent: sent as Sent }
    if (model) context.modelInput = modelInput(schema, sent as Sent)
    return { ok: false, issues: toValidationIssues(source, result.issues, context) }
  }
}

/**
 * What FastAPI hands a parameter model, echoed by a missing field: the values sent,
 * and each absent field's default unless it is `None`.
 */
function modelInput(schema: ObjectSchema, sent: Sent): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(schema.entries)) {
    const value = sent[key] ?? v.getDefault(entry as never)
    if (value !== undefined && value !== null) input[key] = value
  }
  for (const [key, value] of Object.entries(sent)) if (!(key in input)) input[key] = value
  return input
}

function convert(fields: readonly Field[], sent: Sent, keepsOthers: boolean) {
  const out: Record<string, unknown> = keepsOthers ? { ...sent } : {}
  for (const { key, coerce } of fields) {
    const value = sent[key]
    if (value !== undefined) out[key] = coerce(value)
  }
  return out
}

/**
 * A plain `v.object` drops undeclared keys, so only declared ones are read (one
 * lookup each, no copy of the whole query); strict, loose and rest objects are
 * given every key, so they can reject or keep the others, and so is a model, whose
 * missing field echoes them.
 */
const readsOnlyDeclared = (schema: ObjectSchema) =>
  (schema as { type?: string }).type === 'object' && metadataOf(schema).model !== true

function sentReader(
  source: RequestSource,
  schema: ObjectSchema,
  fields: readonly Field[],
): (c: Context) => Sent {
  const keepsOthers = !readsOnlyDeclared(schema)
  switch (source) {
    case 'params':
      return keepsOthers
        ? (c) => ({ ...c.req.param() })
        : (c) => pick(fields, (field) => c.req.param(field.wire))
    case 'query':
      return queryReader(fields, keepsOthers)
    case 'headers':
      return headerReader(fields, keepsOthers)
    case 'cookies':
      return keepsOthers
        ? (c) => withOthers(fields, getCookie(c))
        : (c) => {
            const jar = getCookie(c)
            return pick(fields, (field) => jar[field.wire])
          }
  }
}

/**
 * The schema keys of fields sent under another name (an alias, a header's hyphens):
 * a value sent under such a key is another key, not that field, so it is left out.
 */
const renamedKeys = (fields: readonly Field[]) =>
  new Set(fields.filter((field) => field.wire !== field.key).map((field) => field.key))

/** Every value sent, declared fields under their schema key, others under the name they were sent with. */
function withOthers(fields: readonly Field[], sent: Readonly<Record<string, RawValue>>): Sent {
  const byWire = new Map(fields.map((field) => [field.wire, field.key]))
  const renamed = renamedKeys(fields)
  const out: Sent = {}
  for (const [name, value] of Object.entries(sent)) {
    const key = byWire.get(name)
    if (key !== undefined) out[key] = value
    else if (!renamed.has(name)) out[name] = value
  }
  return out
}

/** The declared fields' values, by schema key. */
function pick(fields: readonly Field[], read: (field: Field) => RawValue | undefined): Sent {
  const out: Sent = {}
  for (const field of fields) {
    const value = read(field)
    if (value !== undefined) out[field.key] = value
  }
  return out
}

/**
 * Reads a query string in one pass, decoding only the keys it keeps: the last
 * value of a repeated key for a single-valued field (as FastAPI does), every
 * value for an array field.
 */
function queryReader(fields: readonly Field[], keepsOthers: boolean) {
  const byWire = new Map(fields.map((field) => [field.wire, field]))
  const renamed = renamedKeys(fields)
  return (c: Context): Sent => {
    const url = c.req.url
    const out: Record<string, string | string[]> = {}
    let start = url.indexOf('?') + 1
    if (start === 0) return out
    const hash = url.indexOf('#', start)
    const end = hash === -1 ? url.length : hash
    while (start < end) {
      let amp = url.indexOf('&', start)
      if (amp === -1 || amp > end) amp = end
      let eq = url.indexOf('=', start)
      if (eq === -1 || eq > amp) eq = amp
      const name = decodeQueryPart(url.slice(start, eq))
      const field = byWire.get(name)
      if (name !== '' && (field || (keepsOthers && !renamed.has(name)))) {
        const value = eq === amp ? '' : decodeQueryPart(url.slice(eq + 1, amp))
        const key = field?.key ?? name
        const previous = out[key]
        if (field && !field.repeated) out[key] = value
        else if (Array.isArray(previous)) previous.push(value)
        // An undeclared key kept by a loose object is a list once repeated, as FastAPI keeps it.
        else if (previous !== undefined && !field) out[key] = [previous, value]
        else out[key] = field ? [value] : value
      }
      start = amp + 1
    }
    return out
  }
}

function decodeQueryPart(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text
  return tryDecodeURIComponent(spaced)
}

/**
 * Header names match case-insensitively. A repeated header fills an array field
 * with each value: the Fetch API joins repeated headers with `, `, so an array
 * field splits on commas (HTTP's list syntax).
 */
function headerReader(fields: readonly Field[], keepsOthers: boolean) {
  const names = fields.map((field) => field.wire.toLowerCase())
  const declared = new Set(names)
  const renamed = renamedKeys(fields)
  return (c: Context): Sent => {
    const headers = c.req.raw.headers
    const out: Sent = {}
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as Field
      const value = headers.get(names[i] as string)
      if (value !== null) out[field.key] = field.repeated ? value.split(/[ \t]*,[ \t]*/) : value
    }
    // A strict or loose object sees every header, so it can refuse or keep the others.
    if (keepsOthers)
      headers.forEach((value, name) => {
        if (!declared.has(name) && !renamed.has(name)) out[name] = value
      })
    return out
  }
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i
const FORM_TYPE = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i

/**
 * The reader of a JSON body. An empty body, or `null`, reads as absent (the schema
 * decides whether that is allowed), as in FastAPI; a body with another content type
 * is a 415; text that is not JSON is a 422 `json_invalid` issue located at the
 * character where parsing failed, as FastAPI reports it. An array is never taken
 * for an object, at any depth. An object schema with `v.metadata({ embed: true })`
 * holds separate body parameters (see {@link FieldMetadata.embed}). With `lax`,
 * numeric and boolean strings are converted first, as Pydantic's lax mode does
 * (see {@link laxConverter}).
 *
 * @example
 * ```ts
 * // FastAPI: def update(item: Item, user: User, importance: int = Body())
 * const body = v.pipe(v.object({ item: Item, user: User, importance: v.number() }), v.metadata({ embed: true }))
 * ```
 */
export function jsonBodyReader(schema: AnySchema, options: { lax?: boolean } = {}): InputReader {
  const validated = jsonBodySchema(schema)
  const embedded = metadataOf(schema).embed === true
  const context: IssueContext = { schema: validated, marked: true, embedded }
  const lax = options.lax ? laxConverter(schema) : undefined
  // The declared schema's check is as strict as `validated`'s (see `compiledCheck`).
  const check = fastCheck(schema)
  return {
    source: 'body',
    schema,
    read: readJson,
    validate(sent) {
      const object = embedded ? embeddedFields(sent) : sent
      const body = lax ? lax(object) : object
      const checked = check ? check(body) : UNPROVEN
      if (checked !== UNPROVEN) return { ok: true, value: checked }
      const result = v.safeParse(validated, body, validationConfig)
      if (result.success) return { ok: true, value: result.output }
      return { ok: false, issues: toValidationIssues('body', result.issues, context) }
    },
  }
}

const isRecord = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Embedded body parameters as FastAPI reads them: a body that is not an object holds
 * none, and one sent as `null` is absent (its default, or `missing`).
 */
function embeddedFields(sent: unknown): Record<string, unknown> {
  if (!isRecord(sent)) return {}
  const fields = sent as Record<string, unknown>
  if (!Object.values(fields).includes(null)) return fields
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null))
}

function readJson(c: Context): Promise<unknown> {
  return bodyBytes(c).then((bytes) => parseJson(bytes, c.req.header('content-type')))
}

/**
 * Decodes strictly: a body that is not UTF-8 is refused, as FastAPI refuses it,
 * rather than read with U+FFFD where the bytes were. A byte order mark is
 * skipped, as Python's `json` skips it.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true })

const unparsable = () => new HTTPException(400, 'There was an error parsing the body')

function parseJson(bytes: ArrayBuffer | Uint8Array, contentType: string | undefined): unknown {
  if (bytes.byteLength === 0) return undefined
  if (!JSON_TYPE.test(contentType ?? '')) {
    throw new HTTPException(415, 'Unsupported Media Type: expected application/json')
  }
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    throw unparsable()
  }
  if (nestedTooDeep(text)) throw unparsable()
  try {
    return JSON.parse(text) ?? undefined
  } catch {
    const { pos, msg } = locateJSONError(text)
    // The issue never quotes the text; the error carries it, as FastAPI's `exc.body` does, for a
    // handler that chooses to send it back.
    throw new RequestValidationError(
      [
        {
          type: 'json_invalid',
          loc: ['body', pos],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: msg },
        },
      ],
      text,
    )
  }
}

/**
 * How deeply arrays and objects may nest in a JSON body. Validation, issue paths
 * and echoed inputs all recurse once per level, so a hostile body (`[[[[…]]]]`,
 * 10 KB for 5000 levels) must not reach them. Python's JSON decoder stops near
 * the same depth, and FastAPI answers that with the same 400.
 */
export const MAX_JSON_DEPTH = 1000

/**
 * Whether a JSON text nests deeper than {@link MAX_JSON_DEPTH}. Only a text long
 * enough to hold that many brackets is scanned, so ordinary bodies cost nothing.
 */
function nestedTooDeep(text: string): boolean {
  if (text.length <= 2 * MAX_JSON_DEPTH) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === BACKSLASH) i++
      else if (char === QUOTE) inString = false
    } else if (char === QUOTE) inString = true
    else if (char === OPEN_ARRAY || char === OPEN_OBJECT) {
      if (++depth > MAX_JSON_DEPTH) return true
    } else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) depth--
  }
  return false
}

const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \
const OPEN_ARRAY = 0x5b // [
const CLOSE_ARRAY = 0x5d // ]
const OPEN_OBJECT = 0x7b // {
const CLOSE_OBJECT = 0x7d // }

/**
 * The reader of a urlencoded or multipart form: fields are read like query
 * parameters (by wire name, converted from strings by schema type, repeated keys
 * filling array fields, files arriving as `File`). An absent form reads as empty,
 * so each required field is reported missing and a form of optional fields is
 * accepted, as in FastAPI.
 */
export function formBodyReader(schema: FormSchema): InputReader {
  const object = unwrap(schema) as ObjectSchema
  // In `v.optional()`, an absent form is `undefined`, not a form without fields.
  const absent = object === schema ? {} : undefined
  const fields = fieldsOf(object, 'form')
  const keepsOthers = !readsOnlyDeclared(object)
  const validateFields = stringsValidator('body', object, fields)
  return {
    source: 'body',
    schema,
    async read(c) {
      if (!FORM_TYPE.test(c.req.header('content-type') ?? '')) {
        if ((await c.req.text()) === '') return absent
        throw new HTTPException(
          415,
          'Unsupported Media Type: expected application/x-www-form-urlencoded or multipart/form-data',
        )
      }
      let parsed: Record<string, RawValue>
      try {
        parsed = (await c.req.parseBody({ all: true })) as Record<string, RawValue>
      } catch {
        throw new HTTPException(400, 'There was an error parsing the body')
      }
      return formValues(fields, parsed, keepsOthers)
    },
    validate: (sent) =>
      sent === undefined ? { ok: true, value: undefined } : validateFields(sent),
  }
}

/** A form's fields by schema key: the last value of a repeated key, unless the field is an array; an empty value is absent. */
function formValues(
  fields: readonly Field[],
  parsed: Record<string, RawValue>,
  keepsOthers: boolean,
) {
  const out: Sent = {}
  if (keepsOthers) {
    // An undeclared key a loose object keeps is a list once repeated, as FastAPI keeps it.
    for (const [name, value] of Object.entries(parsed)) out[name] = value
  }
  for (const field of fields) {
    const value = parsed[field.wire]
    if (keepsOthers) {
      delete out[field.wire]
      // A value sent under a renamed field's key is another key, not that field.
      delete out[field.key]
    }
    if (value === undefined) continue
    const read = field.repeated ? value : lastOf(value)
    // FastAPI reads an empty form value as an absent one: the field's default, or `missing`.
    if (read !== '') out[field.key] = read
  }
  return out
}

const lastOf = (value: RawValue): string | File =>
  Array.isArray(value) ? (value[value.length - 1] as string | File) : (value as string | File)
