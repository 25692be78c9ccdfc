import type { Context } from 'hono'
import { hc, type InferResponseType } from 'hono/client'
import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import { createApp, depends, HTTPError, respond, route, router } from './index'

const Todo = v.object({ id: v.number(), title: v.string(), done: v.boolean() })
const currentUser = depends(async () => ({ id: 1, email: 'a@b.c' }))

describe('handler arguments', () => {
  test('are typed from the declared inputs and dependencies', () => {
    route.post(
      '/lists/:listId/todos',
      {
        params: v.object({ listId: v.pipe(v.string(), v.transform(Number)) }),
        query: v.object({ notify: v.optional(v.boolean(), false) }),
        headers: v.object({ x_request_id: v.optional(v.string()) }),
        cookies: v.object({ session: v.string() }),
        body: v.object({ title: v.string() }),
        deps: { user: currentUser },
      },
      ({ params, query, headers, cookies, body, user, c, background }) => {
        expectTypeOf(params).toEqualTypeOf<{ listId: number }>()
        expectTypeOf(query).toEqualTypeOf<{ notify: boolean }>()
        expectTypeOf(headers).toEqualTypeOf<{ x_request_id?: string | undefined }>()
        expectTypeOf(cookies).toEqualTypeOf<{ session: string }>()
        expectTypeOf(body).toEqualTypeOf<{ title: string }>()
        expectTypeOf(user).toEqualTypeOf<{ id: number; email: string }>()
        expectTypeOf(c).toEqualTypeOf<Context>()
        expectTypeOf(background).toEqualTypeOf<(task: () => unknown) => void>()
        return null
      },
    )
  })

  test('undeclared inputs are not there', () => {
    route.get('/ping', {}, (args) => {
      // @ts-expect-error no query was declared
      args.query
      return 'pong'
    })
  })

  test('a misspelt dependency is rejected', () => {
    route.get('/me', { deps: { user: currentUser } }, (args) => {
      // @ts-expect-error the dependency is called user
      args.usr
      return null
    })
  })

  test('a dependency may not take an input name', () => {
    route.get(
      '/x',
      // @ts-expect-error "query" is reserved for the route's query
      { deps: { query: currentUser } },
      () => null,
    )
  })
})

describe('path parameters', () => {
  test('must be declared', () => {
    // @ts-expect-error :id is not declared
    route.get('/todos/:id', {}, () => null)
  })

  test('may come from a router prefix (checked when the app is created)', () => {
    route.get('/todos', { params: v.object({ tenant: v.string() }) }, ({ params }) => {
      expectTypeOf(params).toEqualTypeOf<{ tenant: string }>()
      return null
    })
  })

  test('patterns and optional markers count by name', () => {
    route.get(
      '/files/:name{.+\\.png}/:size?',
      { params: v.object({ name: v.string(), size: v.optional(v.string()) }) },
      () => null,
    )
  })
})

describe('return values', () => {
  test('are checked against the schema of the default status', () => {
    route.get('/todo', { response: Todo }, () => ({ id: 1, title: 'x', done: false }))
    // @ts-expect-error done is missing
    route.get('/todo', { response: Todo }, () => ({ id: 1, title: 'x' }))
    // @ts-expect-error id must be a number
    route.get('/todo', { response: Todo }, async () => ({ id: '1', title: 'x', done: true }))
  })

  test('extra fields are allowed: they are stripped at run time', () => {
    const row = { id: 1, title: 'x', done: false, ownerId: 7 }
    route.get('/todo', { response: Todo }, () => row)
  })

  test('respond() is checked per declared status', () => {
    route.post(
      '/todos',
      { body: v.object({ title: v.string() }), responses: { 201: Todo, 409: HTTPError } },
      ({ body }) =>
        body.title
          ? respond(201, { id: 1, title: body.title, done: false })
          : respond(409, { detail: 'dup' }),
    )
    // @ts-expect-error 404 is not declared
    route.post('/todos', { responses: { 201: Todo } }, () => respond(404, { detail: 'no' }))
    // @ts-expect-error the 201 body must be a Todo
    route.post('/todos', { responses: { 201: Todo } }, () => respond(201, { id: 1 }))
  })

  test('a 204 route returns nothing', () => {
    route.delete('/todo', { status: 204 }, () => {})
    // @ts-expect-error a 204 has no body
    route.delete('/todo', { status: 204 }, () => ({ id: 1 }))
  })

  test('a raw Response is always allowed', () => {
    route.get('/raw', { response: Todo }, ({ c }) => c.text('hi'))
  })
})

describe('the hc client', () => {
  const getTodo = route.get(
    '/todos/:id',
    {
      params: v.object({ id: v.number() }),
      query: v.object({ expand: v.optional(v.boolean()), tag: v.optional(v.array(v.string())) }),
      responses: { 200: Todo, 404: HTTPError },
    },
    ({ params }) => ({ id: params.id, title: 't', done: false }),
  )
  const createTodo = route.post(
    '/todos',
    {
      body: v.object({ title: v.string(), done: v.optional(v.boolean()) }),
      status: 201,
      response: Todo,
    },
    ({ body }) => ({ id: 1, title: body.title, done: body.done ?? false }),
  )
  const health = route.get('/health', {}, () => ({ ok: true as const }))
  const app = createApp({ routes: [router({ prefix: '/api' }, [getTodo, createTodo]), health] })
  const client = hc<typeof app>('http://localhost')

  test('knows every path, method and input', () => {
    expectTypeOf(client.api.todos[':id'].$get).parameter(0).toEqualTypeOf<{
      param: { id: number | `${number}` }
      query: {
        expand?: boolean | 'true' | 'false' | undefined
        tag?: string[] | string | undefined
      }
    }>()
    expectTypeOf(client.api.todos.$post).parameter(0).toEqualTypeOf<{
      json: { title: string; done?: boolean | undefined }
    }>()
    // @ts-expect-error there is no PUT
    client.api.todos.$put
  })

  test('knows the output of every status', () => {
    type Get = (typeof client.api.todos)[':id']['$get']
    expectTypeOf<InferResponseType<Get, 200>>().toEqualTypeOf<{
      id: number
      title: string
      done: boolean
    }>()
    expectTypeOf<InferResponseType<Get, 404>>().toEqualTypeOf<{ detail: string }>()
    expectTypeOf<InferResponseType<Get, 422>['detail'][number]['loc']>().toEqualTypeOf<
      (string | number)[]
    >()
    expectTypeOf<InferResponseType<typeof client.api.todos.$post, 201>>().toEqualTypeOf<{
      id: number
      title: string
      done: boolean
    }>()
    expectTypeOf<InferResponseType<typeof client.health.$get>>().toEqualTypeOf<{ ok: true }>()
  })
})

describe('the hc client sends inputs under their wire names, as the server reads them', () => {
  const app = createApp({
    routes: [
      route.get(
        '/items',
        {
          query: v.object({ item_query: v.pipe(v.string(), v.metadata({ alias: 'item-query' })) }),
          headers: v.object({
            x_token: v.string(),
            user_agent: v.optional(v.string()),
            x_raw: v.pipe(v.string(), v.metadata({ convertUnderscores: false })),
          }),
          cookies: v.object({
            session_id: v.optional(v.pipe(v.string(), v.metadata({ alias: 'sid' }))),
          }),
        },
        () => null,
      ),
      route.get(
        '/kept',
        {
          headers: v.pipe(
            v.object({ x_token: v.string() }),
            v.metadata({ convertUnderscores: false }),
          ),
        },
        () => null,
      ),
    ],
  })
  const client = hc<typeof app>('http://localhost')

  test('header underscores become dashes; aliases replace the key', () => {
    expectTypeOf(client.items.$get).parameter(0).toEqualTypeOf<{
      query: { 'item-query': string }
      header: { 'x-token': string; 'user-agent'?: string | undefined; x_raw: string }
      cookie: { sid?: string | undefined }
    }>()
  })

  test('convertUnderscores: false on the object keeps every header key', () => {
    expectTypeOf(client.kept.$get).parameter(0).toEqualTypeOf<{ header: { x_token: string } }>()
  })
})

test('a form in v.optional() arrives as the object or undefined', () => {
  route.post('/search', { form: v.optional(v.object({ q: v.string() })) }, ({ form }) => {
    expectTypeOf(form).toEqualTypeOf<{ q: string } | undefined>()
    return null
  })
})
