import SchemaBuilder from '@pothos/core'
import { createApp, depends, HTTPException, memoryEventLog, requireScopes } from '@sluice/core'
import { createClient } from 'graphql-http'
import { createClient as createSSEClient, type ExecutionResult } from 'graphql-sse'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { eventLogPubSub, type GraphQLContext, graphql } from './index'

/** What a GraphQL response holds. */
type Result = ExecutionResult<Record<string, unknown>, unknown>

/** A user named by the `x-user` header; none is 401, as a bearer token's absence is. */
const user = depends(
  { headers: v.object({ x_user: v.optional(v.string()), x_scopes: v.optional(v.string(), '') }) },
  ({ headers }, { scopes }) => {
    if (!headers.x_user)
      throw new HTTPException(401, 'Not authenticated', { 'www-authenticate': 'Bearer' })
    const granted = headers.x_scopes.split(' ')
    if (!scopes.every((scope) => granted.includes(scope)))
      throw new HTTPException(403, 'Not enough permissions')
    return { name: headers.x_user }
  },
)
const reader = requireScopes(user, ['read'])

const Note = v.object({ text: v.pipe(v.string(), v.minLength(1)) })
const notes = eventLogPubSub(memoryEventLog(), Note)

const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})
/** A type that nests itself, for queries as deep as a client likes. */
const Nest = builder.objectRef<{ level: number }>('Nest')
Nest.implement({
  fields: (t) => ({
    level: t.exposeInt('level'),
    nested: t.field({ type: Nest, resolve: ({ level }) => ({ level: level + 1 }) }),
  }),
})
builder.queryType({
  fields: (t) => ({
    me: t.string({ resolve: async (_, __, ctx) => (await ctx.use(reader)).name }),
    crash: t.string({
      nullable: true,
      resolve: () => {
        throw new Error('secret database password in this message')
      },
    }),
    nested: t.field({ type: Nest, resolve: () => ({ level: 1 }) }),
  }),
})
builder.subscriptionType({
  fields: (t) => ({
    note: t.string({
      subscribe: async (_, __, ctx) => {
        const { name } = await ctx.use(reader)
        return notes.subscribe(`notes:${name}`)
      },
      resolve: (note: v.InferOutput<typeof Note>) => note.text,
    }),
  }),
})

const logged: unknown[] = []
const app = createApp({
  bodyLimit: 2048,
  routes: [
    graphql({
      schema: builder.toSchema(),
      limits: { depth: 4, aliases: 3 },
      logger: { error: (_, error) => logged.push(error) },
    }),
  ],
})
const fetchFn = (url: string | URL | Request, init?: RequestInit) =>
  app.request(url instanceof Request ? url : String(url), init)

function clientAs(headers: Record<string, string>) {
  return createClient({ url: 'http://localhost/graphql', fetchFn, headers })
}

function run(client: ReturnType<typeof createClient>, query: string) {
  return new Promise<Result>((resolve, reject) => {
    let result: Result | undefined
    client.subscribe(
      { query },
      {
        next: (value) => {
          result = value
        },
        error: reject,
        complete: () => resolve(result!),
      },
    )
  })
}

describe('graphql(): Sluice dependencies in resolvers', () => {
  test('a resolver uses the dependency, with its scopes', async () => {
    const result = await run(clientAs({ 'x-user': 'ada', 'x-scopes': 'read' }), '{ me }')
    expect(result).toEqual({ data: { me: 'ada' } })
  })

  test("the dependency's refusals are GraphQL errors with a code and status", async () => {
    const anonymous = await run(clientAs({}), '{ me }')
    expect(anonymous.errors?.[0]).toMatchObject({
      message: 'Not authenticated',
      path: ['me'],
      extensions: { code: 'UNAUTHENTICATED', status: 401 },
    })
    const unscoped = await run(clientAs({ 'x-user': 'ada' }), '{ me }')
    expect(unscoped.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN', status: 403 },
    })
  })

  test("an HTTPException's headers go on the response", async () => {
    const response = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me }' }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    expect(JSON.stringify(await response.json())).not.toContain('"http"')
  })

  test('an unexpected error is masked and reported', async () => {
    const result = await run(clientAs({}), '{ crash }')
    expect(result.errors?.[0]?.message).toBe('Unexpected error.')
    expect(JSON.stringify(result)).not.toContain('password')
    expect(logged).toHaveLength(1)
  })
})

describe('graphql(): limits', () => {
  test('a query nested past the depth limit is refused before it runs', async () => {
    const result = await run(
      clientAs({}),
      '{ nested { nested { nested { nested { nested { level } } } } } }',
    )
    expect(result.errors?.[0]?.message).toMatch(/depth/i)
    expect(result.data).toBeUndefined()
  })

  test('too many aliases are refused', async () => {
    const response = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ a: crash b: crash c: crash d: crash }' }),
    })
    const result = (await response.json()) as Result
    expect(result.errors?.[0]?.message).toMatch(/aliases/i)
    expect(result.data).toBeUndefined()
  })

  test("the app's body limit applies", async () => {
    const response = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me ${' '.repeat(4096)} }` }),
    })
    expect(response.status).toBe(413)
  })
})

describe('graphql(): subscriptions over server-sent events', () => {
  test('a subscriber receives what is published to its topic, after its dependencies ran', async () => {
    const client = createSSEClient({
      url: 'http://localhost/graphql',
      fetchFn,
      headers: { 'x-user': 'ada', 'x-scopes': 'read' },
    })
    const subscription = client.iterate({ query: 'subscription { note }' })
    const first = subscription.next()
    // Published until the subscriber is listening: it starts once the stream is open.
    let received: IteratorResult<Result> | undefined
    void first.then((value) => {
      received = value
    })
    while (!received) {
      await notes.publish('notes:ada', { text: 'hello' })
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(received.value).toEqual({ data: { note: 'hello' } })
    await subscription.return?.()
    client.dispose()
  })

  test('a subscriber the dependency refuses gets the error', async () => {
    const client = createSSEClient({ url: 'http://localhost/graphql', fetchFn, retryAttempts: 0 })
    const subscription = client.iterate({ query: 'subscription { note }' })
    const { value } = await subscription.next()
    expect(value.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } })
    client.dispose()
  })
})

describe('graphql(): a schema given as a function', () => {
  const hello = new SchemaBuilder<{ Context: GraphQLContext }>({})
  hello.queryType({ fields: (t) => ({ hello: t.string({ resolve: () => 'world' }) }) })
  const ask = (lazy: ReturnType<typeof createApp>) =>
    lazy.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hello }' }),
    })

  test('is called on the first request, once', async () => {
    let calls = 0
    const lazy = createApp({
      routes: [
        graphql({
          schema: async () => {
            calls++
            return hello.toSchema()
          },
        }),
      ],
    })
    expect(calls).toBe(0)
    expect(await (await ask(lazy)).json()).toEqual({ data: { hello: 'world' } })
    await ask(lazy)
    expect(calls).toBe(1)
  })

  test('that fails answers 500 and is tried again by the next request', async () => {
    let calls = 0
    const reported: unknown[] = []
    const lazy = createApp({
      logger: { error: (_, error) => reported.push(error) },
      routes: [
        graphql({
          schema: async () => {
            if (calls++ === 0) throw new Error('schema module failed to load')
            return hello.toSchema()
          },
        }),
      ],
    })
    const failed = await ask(lazy)
    expect(failed.status).toBe(500)
    expect(reported).toEqual([new Error('schema module failed to load')])
    expect(await failed.text()).not.toContain('schema module')
    expect(await (await ask(lazy)).json()).toEqual({ data: { hello: 'world' } })
  })
})
