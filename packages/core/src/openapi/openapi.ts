import { cachingParameters, documentCaching } from '../caching/http-cache-openapi'
import { type ErrorFormat, statusText } from '../errors'
import type { PlanNode } from '../graph'
import {
  type CompiledResponse,
  compileResponses,
  HTTPError,
  type ResponseTable,
} from '../responses'
import type { Method, MountedRoute } from '../route'
import type { AnySchema } from '../types'
import {
  type ParameterObject,
  parametersOf,
  type RequestBodyObject,
  requestBodyOf,
} from './openapi-parameters'
import {
  collectModels,
  HTTPProblemModel,
  HTTPValidationErrorModel,
  HTTPValidationProblemModel,
  type JSONSchema,
  type SchemaConverter,
  schemaConverter,
} from './openapi-schemas'

/** An OpenAPI Server Object. */
export interface ServerObject {
  readonly url: string
  readonly description?: string
  readonly variables?: Readonly<Record<string, unknown>>
}

/** An OpenAPI Tag Object: a tag's description in the docs. */
export interface TagObject {
  readonly name: string
  readonly description?: string
  readonly externalDocs?: { readonly url: string; readonly description?: string }
}

/** An OpenAPI Response Object. */
export interface ResponseObject {
  description: string
  headers?: Record<string, { description?: string; schema: JSONSchema }>
  content?: Record<string, { schema: JSONSchema }>
}

/** An OpenAPI Operation Object, as Sluice generates it. */
export interface OperationObject {
  operationId: string
  tags?: string[]
  summary?: string
  description?: string
  deprecated?: boolean
  parameters?: ParameterObject[]
  requestBody?: RequestBodyObject
  responses: Record<string, ResponseObject>
  security?: Record<string, string[]>[]
  /** The message schemas of WebSocket (`x-websocket`) and server-sent events (`x-sse-events`) routes. */
  [extension: `x-${string}`]: Record<string, JSONSchema>
}

/** An OpenAPI 3.1 document. */
export interface OpenAPIDocument {
  openapi: '3.1.0'
  info: {
    title: string
    version: string
    description?: string
    contact?: { readonly name?: string; readonly url?: string; readonly email?: string }
    license?: { readonly name: string; readonly identifier?: string; readonly url?: string }
  }
  servers?: ServerObject[]
  tags?: TagObject[]
  paths: Record<string, Partial<Record<Method, OperationObject>>>
  components: {
    schemas?: Record<string, JSONSchema>
    securitySchemes?: Record<string, Readonly<Record<string, unknown>>>
  }
  [extension: `x-${string}`]: unknown
}

/** What an app says about itself in its OpenAPI document (options of `createApp`). */
export interface OpenAPIOptions {
  /** The API's name. Default `'Sluice API'`. */
  readonly title?: string
  /** The API's version (not OpenAPI's). Default `'0.1.0'`. */
  readonly version?: string
  /** A longer description; Markdown is rendered by Swagger UI. */
  readonly description?: string
  readonly servers?: readonly ServerObject[]
  /** Tags with descriptions, in the order the docs list them. */
  readonly tags?: readonly TagObject[]
  readonly contact?: OpenAPIDocument['info']['contact']
  readonly license?: OpenAPIDocument['info']['license']
  /** Post-processes the generated document, for what the generator cannot express. */
  readonly transformOpenAPI?: (document: OpenAPIDocument) => OpenAPIDocument
  /**
   * Names each operation that gives no `operationId` of its own (FastAPI's
   * `generate_unique_id_function`), so a generated client's method names follow
   * one rule instead of hand-written ids. Two operations given one id are an
   * error when the app is created. Default {@link defaultOperationId}.
   *
   * @example
   * ```ts
   * // The FastAPI full-stack template's f"{route.tags[0]}-{route.name}":
   * createApp({ routes, generateOperationId: ({ tags, name }) => `${tags[0]}-${name}` })
   * // route.get('/', {}, function readItems() { … }) under tags ['items'] → 'items-readItems'
   * ```
   */
  readonly generateOperationId?: (operation: OperationIdSource) => string
}

/** What {@link OpenAPIOptions.generateOperationId} is told about an operation. */
export interface OperationIdSource {
  /** Lower case, e.g. `get`. */
  readonly method: Method
  /** The full path in OpenAPI's form, e.g. `/items/{id}`. */
  readonly path: string
  /** Its tags, the routers' first. */
  readonly tags: readonly string[]
  /** The handler function's name (FastAPI's `route.name`): `''` for an anonymous arrow function. */
  readonly name: string
}

const NO_BODY: ReadonlySet<number> = new Set([101, 204, 205, 304])

/**
 * Prepares an app's OpenAPI 3.1 document and returns the function that builds
 * it, once, on its first call. Conflicts are found here, when the app is
 * created: one model name given to two different schemas, one security scheme
 * name given to two different schemes, one operationId used twice.
 * Routes declared `hidden` are left out.
 *
 * @example
 * ```ts
 * const document = openAPIGenerator({ title: 'Todo API' }, appState(app).routes)
 * writeFileSync('openapi.json', JSON.stringify(document(), null, 2))
 * ```
 */
export function openAPIGenerator(
  options: OpenAPIOptions & { readonly errorFormat?: ErrorFormat },
  routes: readonly MountedRoute[],
): () => OpenAPIDocument {
  const visible = routes.filter((mounted) => !mounted.route.definition.hidden)
  const validation = validationResponse(options.errorFormat ?? 'fastapi')
  const error = errorResponseBody(options.errorFormat ?? 'fastapi')
  const converter = schemaConverter(collectModels(routeSchemas(visible, validation, error)))
  const operationIds = uniqueOperationIds(visible, options.generateOperationId)
  const securitySchemes = securitySchemesOf(visible)
  let document: OpenAPIDocument | undefined
  return () => {
    document ??= buildDocument(options, visible, {
      converter,
      operationIds,
      securitySchemes,
      validation,
      error,
    })
    return document
  }
}

/** An error body in the app's error format: the 422's, or every other error's. */
interface ErrorBody {
  readonly model: AnySchema
  readonly mediaType: string
}

function validationResponse(format: ErrorFormat): ErrorBody {
  return format === 'problem'
    ? { model: HTTPValidationProblemModel, mediaType: 'application/problem+json' }
    : { model: HTTPValidationErrorModel, mediaType: 'application/json' }
}

function errorResponseBody(format: ErrorFormat): ErrorBody {
  return format === 'problem'
    ? { model: HTTPProblemModel, mediaType: 'application/problem+json' }
    : { model: HTTPError, mediaType: 'application/json' }
}

interface Prepared {
  readonly converter: SchemaConverter
  readonly validation: ErrorBody
  readonly error: ErrorBody
  readonly operationIds: readonly string[]
  readonly securitySchemes: Record<string, Readonly<Record<string, unknown>>>
}

function buildDocument(
  options: OpenAPIOptions,
  routes: readonly MountedRoute[],
  prepared: Prepared,
): OpenAPIDocument {
  const { converter, operationIds, securitySchemes } = prepared
  const paths: OpenAPIDocument['paths'] = {}
  routes.forEach((mounted, i) => {
    const path = openAPIPath(mounted.path)
    paths[path] = {
      ...paths[path],
      [mounted.route.method]: operation(mounted, operationIds[i]!, prepared),
    }
  })
  const document: OpenAPIDocument = {
    openapi: '3.1.0',
    info: infoOf(options),
    paths,
    components: {},
  }
  if (options.servers) document.servers = [...options.servers]
  if (options.tags) document.tags = [...options.tags]
  const schemas = converter.components()
  if (Object.keys(schemas).length > 0) document.components.schemas = schemas
  if (Object.keys(securitySchemes).length > 0) document.components.securitySchemes = securitySchemes
  return options.transformOpenAPI ? options.transformOpenAPI(document) : document
}

function infoOf(options: OpenAPIOptions): OpenAPIDocument['info'] {
  const info: OpenAPIDocument['info'] = {
    title: options.title ?? 'Sluice API',
    version: options.version ?? '0.1.0',
  }
  if (options.description) info.description = options.description
  if (options.contact) info.contact = options.contact
  if (options.license) info.license = options.license
  return info
}

/**
 * A Hono path in OpenAPI's form: `/todos/:id` → `/todos/{id}`; a parameter's
 * regular expression (`:id{[0-9]+}`) and optional mark are dropped.
 *
 * @example
 * ```ts
 * openAPIPath('/api/todos/:id{[0-9]+}') // '/api/todos/{id}'
 * ```
 */
export function openAPIPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(?:\{(?:[^{}]|\{[^{}]*\})*\})?\??/g, '{$1}')
}

/**
 * The operationId of a route: its own, or one derived from its method and
 * path, stable as long as they are: `GET /api/todos/:id` → `get_api_todos_id`.
 *
 * @example
 * ```ts
 * defaultOperationId('post', '/api/todos') // 'post_api_todos'
 * ```
 */
export function defaultOperationId(method: Method, path: string): string {
  const words = openAPIPath(path)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  return [method, ...words].join('_')
}

function uniqueOperationIds(
  routes: readonly MountedRoute[],
  generate: OpenAPIOptions['generateOperationId'],
): string[] {
  const owners = new Map<string, string>()
  return routes.map(({ route, path, tags }) => {
    const { method, handler } = route
    const id =
      route.definition.operationId ??
      (generate
        ? generate({ method, path: openAPIPath(path), tags, name: handler.name })
        : defaultOperationId(method, path))
    const name = `${route.method.toUpperCase()} ${path}`
    const owner = owners.get(id)
    if (owner !== undefined) {
      throw new TypeError(
        `operationId "${id}" is used by both ${owner} and ${name}: give one of them an operationId`,
      )
    }
    owners.set(id, name)
    return id
  })
}

/** Every schema the document describes, to find the named models among them. */
function routeSchemas(
  routes: readonly MountedRoute[],
  validation: ErrorBody,
  error: ErrorBody,
): AnySchema[] {
  const schemas: AnySchema[] = []
  for (const mounted of routes) {
    for (const input of mounted.plan.inputs) schemas.push(input.schema)
    for (const group of Object.values(mounted.route.messages ?? {}))
      schemas.push(...Object.values(group))
    for (const { schema } of mounted.response.responses.values()) if (schema) schemas.push(schema)
    for (const { schema } of dependencyResponses(mounted).values()) if (schema) schemas.push(schema)
  }
  // Only the error bodies some operation answers with become components.
  if (routes.some(takesInput)) schemas.push(validation.model)
  if (routes.some((mounted) => automaticErrors(mounted).length > 0)) schemas.push(error.model)
  return schemas
}

function takesInput(mounted: MountedRoute): boolean {
  return mounted.plan.inputs.length > 0
}

function securitySchemesOf(routes: readonly MountedRoute[]) {
  const schemes: Record<string, Readonly<Record<string, unknown>>> = {}
  for (const { dependency } of routes.flatMap((mounted) => mounted.plan.nodes)) {
    const security = dependency.security
    if (!security) continue
    const known = schemes[security.name]
    if (known && JSON.stringify(known) !== JSON.stringify(security.scheme)) {
      throw new TypeError(
        `Security scheme name "${security.name}" is given to two different schemes: rename one`,
      )
    }
    schemes[security.name] = security.scheme
  }
  return schemes
}

function operation(
  mounted: MountedRoute,
  operationId: string,
  prepared: Prepared,
): OperationObject {
  const { converter } = prepared
  const { definition } = mounted.route
  const parameters = [
    ...parametersOf(mounted.plan.inputs, converter),
    ...cachingParameters(definition.httpCache),
  ]
  const requestBody = requestBodyOf(definition, converter)
  const security = securityRequirements(mounted.plan.nodes)
  return {
    operationId,
    ...(mounted.tags.length > 0 && { tags: [...mounted.tags] }),
    ...(definition.summary && { summary: definition.summary }),
    ...(definition.description && { description: definition.description }),
    ...(definition.deprecated && { deprecated: true }),
    ...(parameters.length > 0 && { parameters }),
    ...(requestBody && { requestBody }),
    responses: documentCaching(
      responsesOf(mounted, prepared),
      definition.httpCache,
      mounted.response.status,
    ),
    ...(security.length > 0 && { security }),
    ...messagesOf(mounted, converter),
  }
}

/** A WebSocket or SSE route's message schemas, as JSON Schemas under their extension. */
function messagesOf(mounted: MountedRoute, converter: SchemaConverter) {
  const extensions: Record<`x-${string}`, Record<string, JSONSchema>> = {}
  for (const [key, group] of Object.entries(mounted.route.messages ?? {})) {
    if (Object.keys(group).length === 0) continue
    extensions[key as `x-${string}`] = Object.fromEntries(
      Object.entries(group).map(([name, schema]) => [name, converter.convert(schema)]),
    )
  }
  return extensions
}

/**
 * One requirement per security scheme the route depends on, directly or through
 * other dependencies, routers or the app, with the union of the scopes required
 * of it — listed separately, as FastAPI lists them.
 */
function securityRequirements(nodes: readonly PlanNode[]): Record<string, string[]>[] {
  const scopes = new Map<string, Set<string>>()
  for (const { dependency, scopes: required } of nodes) {
    if (!dependency.security) continue
    const known = scopes.get(dependency.security.name) ?? new Set<string>()
    for (const scope of required) known.add(scope)
    scopes.set(dependency.security.name, known)
  }
  return [...scopes].map(([name, required]) => ({ [name]: [...required].sort() }))
}

function responsesOf(mounted: MountedRoute, prepared: Prepared): Record<string, ResponseObject> {
  const { converter, validation } = prepared
  const { status, responses } = mounted.response
  // Integer keys iterate in ascending order: the document lists responses by status.
  const described: Record<string, ResponseObject> = {}
  if (!responses.has(status) && !defaultStatusIsUnused(mounted)) {
    // An undeclared default status still gets documented, with any JSON body, as FastAPI does.
    described[status] = response(status, undefined, {})
  }
  for (const [code, { schema, description }] of responses) {
    described[code] = response(code, description, schema && converter.convert(schema))
  }
  for (const automatic of automaticErrors(mounted)) {
    if (responses.has(automatic.status)) continue
    described[automatic.status] = errorResponseObject(automatic, prepared)
  }
  for (const [code, { schema, description }] of dependencyResponses(mounted)) {
    if (responses.has(code)) continue
    described[code] = response(code, description, schema && converter.convert(schema))
  }
  if (takesInput(mounted) && !responses.has(422)) {
    const schema = converter.convert(validation.model)
    described[422] = {
      description: 'Validation Error',
      content: { [validation.mediaType]: { schema } },
    }
  }
  return described
}

/**
 * A route that leaves its status implicit but declares another success status
 * answers with that one (`respond(201, …)`): the implicit 200 is never sent.
 */
function defaultStatusIsUnused({ route, response }: MountedRoute): boolean {
  if (route.definition.status !== undefined) return false
  return [...response.responses.keys()].some((code) => code >= 200 && code < 400)
}

/** The responses the route's dependencies declare they may give, the first declaration of each status winning. */
function dependencyResponses({ plan }: MountedRoute): ResponseTable {
  const table = new Map<number, CompiledResponse>()
  for (const { dependency } of plan.nodes) {
    for (const [code, compiled] of compileResponses(dependency.responses)) {
      if (!table.has(code)) table.set(code, compiled)
    }
  }
  return table
}

/** An error the core or a security dependency gives without the route declaring it. */
interface AutomaticError {
  readonly status: number
  readonly description: string
  /** The `WWW-Authenticate` challenges a 401 may carry. */
  readonly challenges?: readonly string[]
}

/**
 * The errors every such route may answer without declaring them: 401 (and 403
 * when scopes are required) from its security dependencies, told by the security
 * seam; 400 (a body that cannot be parsed), 413 and 415 where a body is read.
 */
function automaticErrors({ plan, route }: MountedRoute): AutomaticError[] {
  const errors: AutomaticError[] = []
  const secured = plan.nodes.filter((node) => node.dependency.security)
  if (secured.length > 0) {
    const challenges = secured.flatMap(({ dependency }) => dependency.security?.challenge ?? [])
    errors.push({
      status: 401,
      description: 'Not authenticated',
      challenges: [...new Set(challenges)],
    })
    if (secured.some((node) => node.scopes.length > 0)) {
      errors.push({ status: 403, description: 'Not enough permissions' })
    }
  }
  if (route.compiled.readsBody) {
    // A body that is not UTF-8, a malformed form, a Content-Length that is not a number.
    errors.push({ status: 400, description: 'There was an error parsing the body' })
    errors.push({ status: 413, description: statusText(413) })
    errors.push({ status: 415, description: statusText(415) })
  }
  return errors
}

function errorResponseObject(
  automatic: AutomaticError,
  { converter, error }: Prepared,
): ResponseObject {
  const described: ResponseObject = {
    description: automatic.description,
    content: { [error.mediaType]: { schema: converter.convert(error.model) } },
  }
  if (automatic.challenges?.length) {
    described.headers = {
      'WWW-Authenticate': {
        description: 'How to authenticate',
        schema: { type: 'string', enum: [...automatic.challenges] },
      },
    }
  }
  return described
}

function response(
  status: number,
  description: string | undefined,
  schema: JSONSchema | undefined,
): ResponseObject {
  const text = description ?? (status >= 200 && status < 300 ? 'Successful Response' : undefined)
  const described: ResponseObject = { description: text ?? statusText(status) }
  if (schema && !NO_BODY.has(status)) described.content = { 'application/json': { schema } }
  return described
}
