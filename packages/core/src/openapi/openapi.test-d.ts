import createClient from 'openapi-fetch'
import { describe, expectTypeOf, test } from 'vitest'
import type { components, paths } from '../../test-fixtures/openapi-app.schema'
import { createApp, type OpenAPIDocument, type OperationIdSource, route } from '../index'

const health = route.get('/health', {}, () => ({ ok: true }))

describe('app options and app.openapi()', () => {
  test('app.openapi() returns the document', () => {
    const app = createApp({ routes: [health], title: 'T', version: '1', docs: false })
    expectTypeOf(app.openapi()).toEqualTypeOf<OpenAPIDocument>()
    expectTypeOf(app.openapi().openapi).toEqualTypeOf<'3.1.0'>()
  })

  test('paths are strings or false, the hook maps a document to a document', () => {
    createApp({
      routes: [health],
      openapi: '/spec.json',
      docs: false,
      tags: [{ name: 'todos', description: 'Todos' }],
      transformOpenAPI: (doc) => ({ ...doc, 'x-logo': { url: '/logo.png' } }),
    })
    // @ts-expect-error a path is a string, or false to disable
    createApp({ routes: [health], openapi: true })
    // @ts-expect-error the hook must return the document
    createApp({ routes: [health], transformOpenAPI: () => undefined })
    // @ts-expect-error a tag needs a name
    createApp({ routes: [health], tags: [{ description: 'Todos' }] })
  })
})

describe('openapi-fetch typed by openapi-typescript from the document', () => {
  const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' })
  type Todo = components['schemas']['TodoPublic']

  test('responses are typed from the declared schemas', async () => {
    const read = await client.GET('/api/todos/{id}', { params: { path: { id: 1 } } })
    expectTypeOf(read.data).toEqualTypeOf<Todo | undefined>()
    const listed = await client.GET('/api/todos', { params: { query: { skip: 0, q: 'milk' } } })
    expectTypeOf(listed.data).toEqualTypeOf<components['schemas']['TodoPage'] | undefined>()
    const created = await client.POST('/api/todos', { body: { title: 'Milk' } })
    expectTypeOf(created.data).toEqualTypeOf<Todo | undefined>()
  })

  test('inputs are checked: path, query, header and body', () => {
    // @ts-expect-error the path parameter is required
    client.GET('/api/todos/{id}', {})
    // @ts-expect-error the path parameter is a number
    client.GET('/api/todos/{id}', { params: { path: { id: 'one' } } })
    // @ts-expect-error limit is an integer, not a string
    client.GET('/api/todos', { params: { query: { limit: 'ten' } } })
    // @ts-expect-error the header x-tenant is a string
    client.GET('/api/todos', { params: { header: { 'x-tenant': 1 } } })
    // @ts-expect-error the body needs a title
    client.POST('/api/todos', { body: { completed: true } })
    // @ts-expect-error no such path
    client.GET('/api/nothing')
    // @ts-expect-error the hidden route is not in the document
    client.GET('/internal')
  })

  test('error bodies are typed: HTTPError and the 422 HTTPValidationError', async () => {
    const { error } = await client.GET('/api/todos/{id}', { params: { path: { id: 1 } } })
    expectTypeOf(error).toEqualTypeOf<
      components['schemas']['HTTPError'] | components['schemas']['HTTPValidationError'] | undefined
    >()
  })
})

describe('generateOperationId', () => {
  test('is told the operation and must return a string', () => {
    createApp({
      routes: [],
      generateOperationId: (operation) => {
        expectTypeOf(operation).toEqualTypeOf<OperationIdSource>()
        expectTypeOf(operation.tags).toEqualTypeOf<readonly string[]>()
        return `${operation.method}-${operation.name}`
      },
    })
    // @ts-expect-error an operationId is a string
    createApp({ routes: [], generateOperationId: () => 1 })
  })
})
