import { Validator } from '@seriousme/openapi-schema-validator'
import { Hono } from 'hono'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createOpenAPIApp } from '../../test-fixtures/openapi-app'
import {
  createApp,
  depends,
  dictKey,
  model,
  type OpenAPIDocument,
  type OperationObject,
  openAPIPath,
  requireScopes,
  respond,
  route,
  router,
} from '../index'
import { HTTPValidationErrorModel } from './openapi-schemas'

const app = createOpenAPIApp()
const doc = app.openapi()

function op(path: string, method: 'get' | 'post' | 'put' | 'delete'): OperationObject {
  const operation = doc.paths[path]?.[method]
  if (!operation) throw new Error(`No operation ${method} ${path}`)
  return operation
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
  )
}

const securityScheme = (name: string) => ({
  name,
  scheme: { type: 'http', scheme: 'bearer' },
})

describe('the document of a rich app', () => {
  test('is valid OpenAPI 3.1 by the official schema (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator()
    // The document as served: JSON.
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)))
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  test('the validator does reject a broken document', async () => {
    const { info: _, ...broken } = structuredClone(doc)
    const paths = broken.paths as Record<string, Record<string, unknown>>
    paths['/health']!.get = { responses: { 200: {} } }
    expect((await new Validator().validate(broken)).valid).toBe(false)
  })

  test('every $ref points at a component', () => {
    const refs = new Set(refsIn(doc))
    expect(refs).toContain('#/components/schemas/TodoPublic')
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '')
      expect(doc.components.schemas, ref).toHaveProperty(name)
    }
  })

  test('info, servers-free defaults, tags with descriptions, and the post-processing hook', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info).toEqual({
      title: 'Todo API',
      version: '2.0.0',
      description: 'Todos, with **Markdown**.',
      contact: { name: 'Sluice', url: 'https://example.com' },
      license: { name: 'MIT', identifier: 'MIT' },
    })
    expect(doc.tags).toEqual([
      { name: 'todos', description: 'Everything about todos' },
      { name: 'auth', description: 'Logging in' },
    ])
    expect(doc['x-generated-by']).toBe('sluice')
  })

  test('hidden routes are left out, the docs routes too', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/admin/stats',
      '/api/files',
      '/api/todos',
      '/api/todos/{id}',
      '/health',
      '/token',
    ])
  })

  test('parameters from every source, dependencies at any depth included', () => {
    expect(op('/api/todos', 'get').parameters).toEqual([
      {
        name: 'q',
        in: 'query',
        required: false,
        description: 'Search in titles',
        example: 'milk',
        schema: { type: 'string', description: 'Search in titles', examples: ['milk'] },
      },
      {
        name: 'tag',
        in: 'query',
        required: false,
        schema: { type: 'array', items: { type: 'string' } },
      },
      {
        name: 'skip',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 0, default: 0 },
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      {
        name: 'x-tenant',
        in: 'header',
        required: false,
        description: 'Tenant to act for',
        schema: { type: 'string', description: 'Tenant to act for', default: 'main' },
      },
      { name: 'session_id', in: 'cookie', required: false, schema: { type: 'string' } },
    ])
    expect(op('/api/todos/{id}', 'get').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
    ])
    expect(op('/api/files', 'post').parameters).toEqual([
      { name: 'x-request-id', in: 'header', required: false, schema: { type: 'string' } },
    ])
  })

  test('request bodies: JSON by $ref, urlencoded forms, multipart with binary files', () => {
    expect(op('/api/todos', 'post').requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TodoCreate' } } },
    })
    expect(Object.keys(op('/token', 'post').requestBody!.content)).toEqual([
      'application/x-www-form-urlencoded',
    ])
    const upload = op('/api/files', 'post').requestBody!.content['multipart/form-data']!.schema
    const binary = {
      type: 'string',
      format: 'binary',
      contentMediaType: 'application/octet-stream',
    }
    expect(upload.properties?.file).toEqual(binary)
    expect(upload.properties?.extra).toEqual({ type: 'array', items: binary })
    expect(upload.required).toEqual(['file'])
  })

  test('named models are components, with their metadata', () => {
    const schemas = doc.components.schemas!
    expect(schemas.TodoCreate).toMatchObject({
      title: 'New todo',
      examples: [{ title: 'Buy milk', completed: false }],
      required: ['title'],
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 200, description: 'What to do' },
      },
    })
    expect(schemas.TodoPublic).toMatchObject({ description: 'A todo as its owner sees it' })
    expect(schemas.TodoPage?.properties?.items).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/TodoPublic' },
    })
  })

  test('every declared response, inherited ones too, with descriptions', () => {
    expect(Object.keys(op('/api/todos/{id}', 'get').responses)).toEqual([
      '200',
      '401',
      '404',
      '422',
    ])
    expect(op('/api/todos/{id}', 'get').responses['404']).toEqual({
      description: 'No such todo',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } },
    })
    expect(op('/api/todos', 'post').responses['201']).toEqual({
      description: 'Successful Response',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TodoPublic' } } },
    })
    expect(op('/api/todos/{id}', 'delete').responses['204']).toEqual({
      description: 'Successful Response',
    })
  })

  test('the 422 response on exactly the routes that take input, shaped like FastAPI', () => {
    const validation = {
      description: 'Validation Error',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } },
      },
    }
    expect(op('/token', 'post').responses['422']).toEqual(validation)
    expect(op('/api/todos/{id}', 'delete').responses['422']).toEqual(validation)
    expect(op('/health', 'get').responses).not.toHaveProperty('422')
    expect(op('/api/admin/stats', 'get').responses).not.toHaveProperty('422')
    expect(doc.components.schemas?.HTTPValidationError).toEqual({
      type: 'object',
      properties: {
        detail: { type: 'array', items: { $ref: '#/components/schemas/ValidationError' } },
      },
      required: ['detail'],
    })
    expect(doc.components.schemas?.ValidationError).toMatchObject({
      properties: {
        loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
        msg: { type: 'string' },
        type: { type: 'string' },
      },
      required: ['loc', 'msg', 'type'],
    })
  })

  test('a real 422 body has the documented HTTPValidationError shape', async () => {
    const res = await app.request('/api/todos/0', {
      headers: { authorization: 'Bearer token-of-alice' },
    })
    expect(res.status).toBe(422)
    expect(v.is(HTTPValidationErrorModel, await res.json())).toBe(true)
  })

  test('security requirements, with scopes, on exactly the operations that depend on them', () => {
    expect(op('/api/todos', 'get').security).toEqual([{ OAuth2PasswordBearer: ['todos:read'] }])
    expect(op('/api/todos', 'post').security).toEqual([{ OAuth2PasswordBearer: ['todos:write'] }])
    expect(op('/api/todos/{id}', 'get').security).toEqual([{ OAuth2PasswordBearer: [] }])
    expect(op('/api/admin/stats', 'get').security).toEqual([{ APIKeyHeader: [] }])
    expect(op('/health', 'get').security).toBeUndefined()
    expect(op('/token', 'post').security).toBeUndefined()
    expect(op('/api/files', 'post').security).toBeUndefined()
    expect(doc.components.securitySchemes).toEqual({
      OAuth2PasswordBearer: {
        type: 'oauth2',
        flows: {
          password: {
            tokenUrl: '/token',
            scopes: { 'todos:read': 'Read todos', 'todos:write': 'Change todos' },
          },
        },
      },
      APIKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' },
    })
  })

  test('operationIds: derived from method and path unless given, unique', () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((operation) => operation.operationId),
    )
    expect(ids).toEqual([
      'get_health',
      'post_token',
      'get_api_todos',
      'post_api_todos',
      'get_api_todos_id',
      'replaceTodo',
      'delete_api_todos_id',
      'post_api_files',
      'get_api_admin_stats',
    ])
  })

  test('tags, summary, description, deprecated', () => {
    expect(op('/api/todos', 'get')).toMatchObject({ tags: ['todos'], summary: 'List my todos' })
    expect(op('/api/todos/{id}', 'get').description).toBe('Reads one todo **of the caller**.')
    expect(op('/api/todos/{id}', 'delete').deprecated).toBe(true)
    expect(op('/api/todos/{id}', 'get')).not.toHaveProperty('deprecated')
  })
})

describe('serving the document and Swagger UI', () => {
  test('GET /openapi.json serves the same document', async () => {
    const res = await app.request('/openapi.json')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)))
  })

  test('GET /docs serves Swagger UI pointed at the document', async () => {
    const res = await app.request('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('data-openapi="/openapi.json"')
    // The app's own copy of swagger-ui-dist 5, on Node (docs.test.ts has the rest).
    expect(html).toMatch(/\/docs\/swagger-ui-dist@5\.[\d.]+\/swagger-ui-bundle\.js/)
    expect(html).toContain('<title>Todo API - Swagger UI</title>')
  })

  const health = route.get('/health', {}, () => ({ ok: true }))

  test('paths can be changed', async () => {
    const custom = createApp({ routes: [health], openapi: '/spec.json', docs: '/swagger' })
    expect((await custom.request('/spec.json')).status).toBe(200)
    expect(await (await custom.request('/swagger')).text()).toContain('data-openapi="/spec.json"')
    expect((await custom.request('/openapi.json')).status).toBe(404)
    expect((await custom.request('/docs')).status).toBe(404)
  })

  test('both can be disabled; app.openapi() still works', async () => {
    const off = createApp({ routes: [health], openapi: false, docs: false })
    expect((await off.request('/openapi.json')).status).toBe(404)
    expect((await off.request('/docs')).status).toBe(404)
    expect(off.openapi().paths['/health']?.get?.operationId).toBe('get_health')
    const docsOff = createApp({ routes: [health], docs: false })
    expect((await docsOff.request('/openapi.json')).status).toBe(200)
    expect((await docsOff.request('/docs')).status).toBe(404)
  })

  test('Swagger UI finds the document when the app is mounted under a prefix', async () => {
    const parent = new Hono().route('/v1', createApp({ routes: [health] }))
    const html = await (await parent.request('/v1/docs')).text()
    expect(html).toContain('data-openapi="/v1/openapi.json"')
    expect(html).toContain('"/v1/docs/swagger-initializer.js"')
    expect((await parent.request('/v1/openapi.json')).status).toBe(200)
    expect((await parent.request('/v1/docs/swagger-initializer.js')).status).toBe(200)
  })
})

describe('building', () => {
  test('the document is built once and cached', async () => {
    expect(app.openapi()).toBe(doc)
    const served = await (await app.request('/openapi.json')).json()
    expect(served).toEqual(JSON.parse(JSON.stringify(app.openapi())))
  })

  test('overrides do not change the document', () => {
    const token = depends(() => 'real', { security: securityScheme('Bearer') })
    const me = route.get('/me', { deps: { token } }, ({ token }) => ({ token }))
    const overridden = createApp({ routes: [me] })
    overridden.override(token, () => 'fake')
    expect(overridden.openapi().paths['/me']?.get?.security).toEqual([{ Bearer: [] }])
  })

  test('security through app-level and router-level dependencies, scopes united', () => {
    const bearer = depends(() => 'token', { security: securityScheme('Bearer') })
    const user = depends({ token: requireScopes(bearer, ['read']) }, ({ token }) => token)
    const admin = depends({ user: requireScopes(user, ['admin']) }, ({ user }) => user)
    const open = route.get('/open', {}, () => null)
    const secret = route.get('/secret', { deps: { admin } }, () => null)
    const built = createApp({
      deps: [bearer],
      routes: [open, router({ prefix: '/r', deps: [user] }, [secret])],
    }).openapi()
    expect(built.paths['/open']?.get?.security).toEqual([{ Bearer: [] }])
    expect(built.paths['/r/secret']?.get?.security).toEqual([{ Bearer: ['admin', 'read'] }])
  })

  test('a parameter declared by a route and a dependency appears once', () => {
    const q = v.object({ q: v.optional(v.string()) })
    const search = depends({ query: q }, ({ query }) => query.q)
    const find = route.get('/find', { query: q, deps: { search } }, () => null)
    const params = createApp({ routes: [find] }).openapi().paths['/find']?.get?.parameters
    expect(params?.map((p) => p.name)).toEqual(['q'])
  })

  test('a parameter may be deprecated, or left out of the document, as FastAPI’s Query(deprecated=…, include_in_schema=…)', async () => {
    const query = v.object({
      old: v.optional(v.pipe(v.string(), v.metadata({ deprecated: true }))),
      hidden: v.optional(v.pipe(v.string(), v.metadata({ includeInSchema: false }))),
    })
    const app = createApp({ routes: [route.get('/params', { query }, ({ query }) => query)] })
    expect(app.openapi().paths['/params']?.get?.parameters).toEqual([
      {
        name: 'old',
        in: 'query',
        required: false,
        deprecated: true,
        schema: { type: 'string', deprecated: true },
      },
    ])
    expect(await (await app.request('/params?old=1&hidden=2')).json()).toEqual({
      old: '1',
      hidden: '2',
    })
  })

  test('a dict with integer keys says nothing of its keys, as FastAPI documents dict[int, float]', () => {
    const body = v.record(dictKey(v.pipe(v.number(), v.integer())), v.number())
    const weights = route.post('/weights', { body }, ({ body }) => body)
    const built = createApp({ routes: [weights] }).openapi()
    expect(built.paths['/weights']?.post?.requestBody?.content['application/json']?.schema).toEqual(
      { type: 'object', additionalProperties: { type: 'number' } },
    )
  })

  test('one model name given to two different schemas is an error when the app is created', () => {
    const a = route.get('/a', { response: model('Thing', v.object({ a: v.string() })) }, () => ({
      a: '',
    }))
    const b = route.get('/b', { response: model('Thing', v.object({ b: v.number() })) }, () => ({
      b: 1,
    }))
    expect(() => createApp({ routes: [a, b] })).toThrow(
      'Model name "Thing" is given to two different schemas',
    )
  })

  test('one model name given twice to equal schemas is one component', () => {
    const shape = v.object({ a: v.string() })
    const a = route.get('/a', { response: model('Same', shape) }, () => ({ a: '' }))
    const b = route.get('/b', { response: v.array(model('Same', shape)) }, () => [])
    const built = createApp({ routes: [a, b] }).openapi()
    expect(built.components.schemas?.Same).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    })
    const items = built.paths['/b']?.get?.responses['200']?.content?.['application/json']?.schema
    expect(items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Same' } })
  })

  test('recursive models refer to themselves by $ref', () => {
    type Node = { name: string; children: Node[] }
    const Node: v.GenericSchema<Node> = model(
      'Node',
      v.object({ name: v.string(), children: v.array(v.lazy(() => Node)) }),
    )
    const tree = route.get('/tree', { response: Node }, () => ({ name: 'root', children: [] }))
    const built = createApp({ routes: [tree] }).openapi()
    expect(built.components.schemas?.Node?.properties?.children).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Node' },
    })
  })

  test('a duplicate operationId is an error when the app is created', () => {
    const a = route.get('/a', { operationId: 'same' }, () => null)
    const b = route.get('/b', { operationId: 'same' }, () => null)
    expect(() => createApp({ routes: [a, b] })).toThrow(
      'operationId "same" is used by both GET /a and GET /b',
    )
  })

  test('with the document not served, duplicate operationIds matter only when it is asked for', async () => {
    const a = route.get('/a', { operationId: 'same' }, () => 'a')
    const b = route.get('/b', { operationId: 'same' }, () => 'b')
    const app = createApp({ routes: [a, b], openapi: false })
    expect(await (await app.request('/b')).json()).toBe('b')
    expect(() => app.openapi()).toThrow('operationId "same" is used by both GET /a and GET /b')
  })

  test('one security scheme name for two different schemes is an error', () => {
    const one = depends(() => 1, { security: securityScheme('Auth') })
    const two = depends(() => 2, {
      security: { name: 'Auth', scheme: { type: 'http', scheme: 'basic' } },
    })
    const a = route.get('/a', { deps: { one } }, () => null)
    const b = route.get('/b', { deps: { two } }, () => null)
    expect(() => createApp({ routes: [a, b] })).toThrow('Security scheme name "Auth"')
  })

  test('servers and a minimal app', () => {
    const minimal: OpenAPIDocument = createApp({
      routes: [route.get('/', {}, () => null)],
      servers: [{ url: 'https://api.example.com', description: 'Production' }],
    }).openapi()
    expect(minimal).toEqual({
      openapi: '3.1.0',
      info: { title: 'Sluice API', version: '0.1.0' },
      servers: [{ url: 'https://api.example.com', description: 'Production' }],
      paths: {
        '/': {
          get: {
            operationId: 'get',
            responses: {
              200: {
                description: 'Successful Response',
                content: { 'application/json': { schema: {} } },
              },
            },
          },
        },
      },
      components: {},
    })
  })
})

test('openAPIPath turns Hono parameters into OpenAPI ones', () => {
  expect(openAPIPath('/todos/:id')).toBe('/todos/{id}')
  expect(openAPIPath('/files/:name{.+\\.png}/:size?')).toBe('/files/{name}/{size}')
  expect(openAPIPath('/a/:x{[0-9]{2}}/b')).toBe('/a/{x}/b')
})

test("with errorFormat: 'problem' the 422 is documented as RFC 9457 problem+json", async () => {
  const find = route.get('/find', { query: v.object({ n: v.number() }) }, () => null)
  const problemApp = createApp({ routes: [find], errorFormat: 'problem' })
  const built = problemApp.openapi()
  expect(built.paths['/find']?.get?.responses['422']).toEqual({
    description: 'Validation Error',
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/HTTPValidationProblem' },
      },
    },
  })
  expect(built.components.schemas).not.toHaveProperty('HTTPValidationError')
  // The documented shape is the one the app sends.
  const res = await problemApp.request('/find?n=x')
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  expect(Object.keys(await res.json()).sort()).toEqual(
    Object.keys(built.components.schemas?.HTTPValidationProblem?.properties ?? {}).sort(),
  )
  expect((await new Validator().validate(JSON.parse(JSON.stringify(built)))).valid).toBe(true)
})

test('responses a dependency declares are documented on every route that uses it, unless the route declares them', () => {
  const TooMany = model('TooMany', v.object({ detail: v.string(), retry_after: v.number() }))
  const limit = depends(() => undefined, {
    responses: { 429: { schema: TooMany, description: 'Too many requests' } },
  })
  const limitedApp = createApp({
    routes: [
      router({ deps: [limit] }, [
        route.get('/a', {}, () => 'a'),
        route.get(
          '/b',
          { responses: { 200: v.string(), 429: { description: 'Slow down' } } },
          () => 'b',
        ),
      ]),
      route.get('/c', {}, () => 'c'),
    ],
  })
  const { paths, components } = limitedApp.openapi()
  expect(paths['/a']?.get?.responses['429']).toEqual({
    description: 'Too many requests',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/TooMany' } } },
  })
  expect(paths['/b']?.get?.responses['429']).toEqual({ description: 'Slow down' })
  expect(paths['/c']?.get?.responses).not.toHaveProperty('429')
  expect(components.schemas).toHaveProperty('TooMany')
})

describe('responses the core and the security seam give without a declaration', () => {
  const bearer = depends(() => 'token', {
    security: { ...securityScheme('Bearer'), challenge: 'Bearer' },
  })
  const secured = createApp({
    routes: [
      route.get('/me', { deps: { token: bearer } }, () => 'me'),
      route.delete(
        '/items/:id',
        {
          params: v.object({ id: v.number() }),
          deps: { token: requireScopes(bearer, ['items:delete']) },
          responses: { 204: null },
        },
        () => undefined,
      ),
      route.post(
        '/users',
        { body: v.object({ name: v.string() }), responses: { 201: v.string() } },
        () => respond(201, 'created'),
      ),
    ],
  })
  const paths = secured.openapi().paths
  const error = { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } }

  test('401 with the challenge header on every operation behind a security dependency, 403 where it requires scopes', () => {
    expect(paths['/me']?.get?.responses['401']).toEqual({
      description: 'Not authenticated',
      headers: {
        'WWW-Authenticate': {
          description: 'How to authenticate',
          schema: { type: 'string', enum: ['Bearer'] },
        },
      },
      content: error,
    })
    expect(paths['/me']?.get?.responses).not.toHaveProperty('403')
    expect(paths['/items/{id}']?.delete?.responses['403']).toEqual({
      description: 'Not enough permissions',
      content: error,
    })
  })

  test('400, 413 and 415 where a body is read; no phantom 200 where another success status is declared', () => {
    expect(Object.keys(paths['/users']?.post?.responses ?? {})).toEqual([
      '201',
      '400',
      '413',
      '415',
      '422',
    ])
    // A body that is not UTF-8 (or a malformed form) is answered 400 before validation.
    expect(paths['/users']?.post?.responses['400']).toEqual({
      description: 'There was an error parsing the body',
      content: error,
    })
    expect(paths['/users']?.post?.responses['415']).toEqual({
      description: 'Unsupported Media Type',
      content: error,
    })
    expect(Object.keys(paths['/items/{id}']?.delete?.responses ?? {})).toEqual([
      '204',
      '401',
      '403',
      '422',
    ])
    expect(Object.keys(paths['/me']?.get?.responses ?? {})).toEqual(['200', '401'])
  })
})
