import { type ServerHandle, serve } from '@sluice/core/node'
import { type Client, createClient } from 'graphql-http'
import { createClient as createSSEClient, type ExecutionResult } from 'graphql-sse'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, type TestApp, testApp } from './helpers'

/**
 * `/graphql` holds every rule `/todos` holds: the same data, the same tokens and
 * scopes, only one's own todos, the same validation and the same rate limit.
 * A real GraphQL client (graphql-http; graphql-sse for subscriptions) over HTTP
 * to a listening app on a real SQLite file, with real tokens.
 */

type Result = ExecutionResult<Record<string, unknown>, unknown>
type ErrorOf = { message: string; extensions: Record<string, unknown> }

let t: TestApp
let server: ServerHandle
let alice: Session
let bob: Session

beforeAll(async () => {
  t = await testApp()
  server = await serve(t.app, { port: 0, hostname: '127.0.0.1', signals: false })
  alice = await t.signUp('alice@example.com')
  bob = await t.signUp('bob@example.com')
})

afterAll(async () => {
  await server.close()
  await t.close()
})

/** A graphql-http client sending `token` as a bearer token, if given. */
function client(url: string, token?: string): Client {
  return createClient({
    url: `${url}/graphql`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
}

/** Runs one operation to its single result. */
function run(through: Client, query: string, variables?: Record<string, unknown>) {
  return new Promise<Result>((resolve, reject) => {
    let result: Result | undefined
    through.subscribe(variables ? { query, variables } : { query }, {
      next: (value) => {
        result = value as Result
      },
      error: reject,
      complete: () => resolve(result as Result),
    })
  })
}

const as = (session: Session | string | undefined) =>
  client(server.url, typeof session === 'string' ? session : session?.access)

const errorOf = (result: Result) => (result.errors?.[0] ?? {}) as ErrorOf

const TODO_FIELDS = 'id title description completed priority due_date created_at updated_at'
const CREATE = `mutation ($input: TodoInput!) { createTodo(input: $input) { ${TODO_FIELDS} } }`

async function tokenWithScope(email: string, scope: string) {
  const res = await t.login(email, undefined, scope)
  return ((await res.json()) as { access_token: string }).access_token
}

describe('/graphql serves the same data as /todos', () => {
  test('a todo created over REST reads the same over GraphQL, and the reverse', async () => {
    const rest = await t.json('POST', '/todos', { title: 'Milk', priority: 2 }, alice.access)
    const created = (await rest.json()) as { id: number }
    const read = await run(as(alice), `query ($id: Int!) { todo(id: $id) { ${TODO_FIELDS} } }`, {
      id: created.id,
    })
    expect(read).toEqual({ data: { todo: created } })

    const made = await run(as(alice), CREATE, { input: { title: 'Bread', due_date: '2031-01-02' } })
    const todo = (made.data as { createTodo: { id: number } }).createTodo
    const back = await t.json('GET', `/todos/${todo.id}`, undefined, alice.access)
    expect(await back.json()).toEqual(todo)

    const page = await run(as(alice), `{ todos(sort: "title") { total items { title } } }`)
    const listed = await t.json('GET', '/todos?sort=title', undefined, alice.access)
    const restPage = (await listed.json()) as { total: number; items: { title: string }[] }
    expect(page.data).toEqual({
      todos: { total: restPage.total, items: restPage.items.map(({ title }) => ({ title })) },
    })
  })
})

describe('/graphql holds the REST rules', () => {
  test('no token: an UNAUTHENTICATED error, as /todos answers 401', async () => {
    expect((await t.json('GET', '/todos')).status).toBe(401)
    const read = await run(as(undefined), '{ todos { total } }')
    expect(errorOf(read)).toMatchObject({
      message: 'Not authenticated',
      extensions: { code: 'UNAUTHENTICATED', status: 401 },
    })
    const write = await run(as(undefined), CREATE, { input: { title: 'x' } })
    expect(errorOf(write).extensions).toMatchObject({ code: 'UNAUTHENTICATED' })
    const forged = await run(as('not.a.jwt'), '{ todos { total } }')
    expect(errorOf(forged).extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 })
  })

  test('a token without the scope is refused, as over REST (403)', async () => {
    const readOnly = await tokenWithScope(alice.email, 'todos:read')
    expect((await t.json('POST', '/todos', { title: 'x' }, readOnly)).status).toBe(403)
    const write = await run(as(readOnly), CREATE, { input: { title: 'x' } })
    expect(errorOf(write)).toMatchObject({
      message: 'Not enough permissions',
      extensions: { code: 'FORBIDDEN', status: 403 },
    })
    expect((await run(as(readOnly), '{ todos { total } }')).errors).toBeUndefined()

    const writeOnly = await tokenWithScope(alice.email, 'todos:write')
    const read = await run(as(writeOnly), '{ todos { total } }')
    expect(errorOf(read).extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 })
  })

  test("another user's todo is invisible: not found, exactly like a missing one", async () => {
    const rest = await t.json('POST', '/todos', { title: 'Private' }, alice.access)
    const { id } = (await rest.json()) as { id: number }
    expect((await t.json('GET', `/todos/${id}`, undefined, bob.access)).status).toBe(404)

    const one = 'query ($id: Int!) { todo(id: $id) { title } }'
    const theirs = await run(as(bob), one, { id })
    const missing = await run(as(bob), one, { id: 2_147_483_000 })
    expect(errorOf(theirs)).toEqual(errorOf(missing))
    expect(errorOf(theirs)).toMatchObject({
      message: 'Todo not found',
      extensions: { code: 'NOT_FOUND', status: 404 },
    })
    const changed = await run(
      as(bob),
      'mutation ($id: Int!) { updateTodo(id: $id, input: { title: "Mine" }) { id } }',
      { id },
    )
    const deleted = await run(as(bob), 'mutation ($id: Int!) { deleteTodo(id: $id) }', { id })
    expect(errorOf(changed).extensions).toMatchObject({ code: 'NOT_FOUND' })
    expect(errorOf(deleted).extensions).toMatchObject({ code: 'NOT_FOUND' })
    const listed = await run(as(bob), '{ todos { items { id } } }')
    expect(JSON.stringify(listed.data)).not.toContain(`"id":${id}`)
    const still = await t.json('GET', `/todos/${id}`, undefined, alice.access)
    expect(await still.json()).toMatchObject({ title: 'Private' })
  })

  test('invalid input: BAD_USER_INPUT with the issues REST answers with (422)', async () => {
    const input = { title: '   ', priority: 9, due_date: '2030-02-31' }
    const rest = await t.json('POST', '/todos', input, alice.access)
    expect(rest.status).toBe(422)
    const { detail } = (await rest.json()) as { detail: unknown }
    const result = await run(as(alice), CREATE, { input })
    expect(errorOf(result)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', status: 422, issues: detail },
    })
    const filters = await run(as(alice), '{ todos(limit: 1000) { total } }')
    expect(errorOf(filters).extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 422 })
  })

  test('the limits refuse a query too deep, or with too many aliases, before it runs', async () => {
    const deep = `{ __type(name: "Todo") { fields { type { ${'ofType { '.repeat(10)}name${' }'.repeat(10)} } } } }`
    const refused = await run(as(alice), deep)
    expect(refused.data).toBeUndefined()
    expect(refused.errors?.[0]?.message).toMatch(/depth/i)

    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: todos { total }`).join(' ')
    const many = await run(as(alice), `{ ${aliases} }`)
    expect(many.data).toBeUndefined()
    expect(many.errors?.[0]?.message).toMatch(/aliases/i)
  })

  test("the app's body limit applies: 413, as for a REST body", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.access}` },
      body: JSON.stringify({ query: `{ todos { total } }${' '.repeat(70 * 1024)}` }),
    })
    expect(res.status).toBe(413)
  })
})

describe('/graphql counts writes with the REST routes', () => {
  let limited: TestApp
  let url: string
  let handle: ServerHandle
  let carol: Session

  beforeAll(async () => {
    limited = await testApp({ WRITE_MAX: '3' })
    handle = await serve(limited.app, { port: 0, hostname: '127.0.0.1', signals: false })
    url = handle.url
    carol = await limited.signUp('carol@example.com')
  })

  afterAll(async () => {
    await handle.close()
    await limited.close()
  })

  test('each mutation spends a write, aliases included; past the limit TOO_MANY_REQUESTS', async () => {
    const rest = await limited.json('POST', '/todos', { title: 'one' }, carol.access)
    expect(rest.status).toBe(201)
    const two = await run(
      client(url, carol.access),
      'mutation { a: createTodo(input: { title: "two" }) { id } b: createTodo(input: { title: "three" }) { id } c: createTodo(input: { title: "four" }) { id } }',
    )
    expect(two.data).toMatchObject({ a: { id: expect.any(Number) }, b: { id: expect.any(Number) } })
    expect(two.data?.c).toBeNull()
    expect(errorOf(two)).toMatchObject({
      path: ['c'],
      extensions: { code: 'TOO_MANY_REQUESTS', status: 429 },
    })
    // Shared with REST: its next write is refused too.
    expect((await limited.json('POST', '/todos', { title: 'five' }, carol.access)).status).toBe(429)
    const page = await limited.json('GET', '/todos', undefined, carol.access)
    expect(((await page.json()) as { total: number }).total).toBe(3)
  })
})

/**
 * The event streams go to the app in this process, through `app.request`: Node 20's
 * fetch (undici) throws an uncaught "ReadableStream is already closed" when a
 * client stops reading a streamed body it has aborted, which a test cannot catch.
 */
const inProcess = (url: string | URL | Request, init?: RequestInit) =>
  t.app.request(url instanceof Request ? url : String(url), init)

describe('subscriptions', () => {
  test("todoChanged streams my changes, made over REST or GraphQL, never another user's", async () => {
    const subscribe = (session: Session) =>
      createSSEClient({
        url: 'http://localhost/graphql',
        fetchFn: inProcess,
        headers: { authorization: `Bearer ${session.access}` },
        retryAttempts: 0,
      })
    const mine = subscribe(alice)
    const theirs = subscribe(bob)
    const query = 'subscription { todoChanged { type id todo { title } } }'
    const changes = mine.iterate({ query })
    const others = theirs.iterate({ query })
    const first = changes.next()
    const othersFirst = others.next()
    // The subscription starts listening once its stream is open: write until it hears.
    let heard: IteratorResult<Result> | undefined
    void first.then((result) => {
      heard = result
    })
    while (!heard) {
      await run(as(alice), CREATE, { input: { title: 'Live' } })
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(heard.value).toMatchObject({
      data: { todoChanged: { type: 'created', todo: { title: 'Live' } } },
    })
    // Bob's stream hears Bob's change, and nothing of Alice's before it.
    let bobHeard: IteratorResult<Result> | undefined
    void othersFirst.then((result) => {
      bobHeard = result
    })
    while (!bobHeard) {
      await t.json('POST', '/todos', { title: 'Bob live' }, bob.access)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(bobHeard.value).toMatchObject({
      data: { todoChanged: { type: 'created', todo: { title: 'Bob live' } } },
    })
    // Both are listening now: Alice's next change never reaches Bob, whose own next one does.
    await run(as(alice), CREATE, { input: { title: 'Alice again' } })
    await t.json('POST', '/todos', { title: 'Bob again' }, bob.access)
    const titles: string[] = []
    while (titles.at(-1) !== 'Bob again') {
      const { value } = await others.next()
      titles.push(
        (value as { data: { todoChanged: { todo: { title: string } } } }).data.todoChanged.todo
          .title,
      )
    }
    expect(titles).not.toContain('Alice again')
    await changes.return?.()
    await others.return?.()
    mine.dispose()
    theirs.dispose()
  })

  test('the subscription ends when its access token expires, as the REST feed does', async () => {
    const shortLived = await testApp({ ACCESS_TOKEN_TTL: '1' })
    try {
      const { access } = await shortLived.signUp('dave@example.com')
      const expiring = createSSEClient({
        url: 'http://localhost/graphql',
        fetchFn: (url: string | URL | Request, init?: RequestInit) =>
          shortLived.app.request(url instanceof Request ? url : String(url), init),
        headers: { authorization: `Bearer ${access}` },
        retryAttempts: 0,
      })
      const changes = expiring.iterate({ query: 'subscription { todoChanged { type } }' })
      // Nothing is written: the stream completes by itself once the token has expired.
      expect(await changes.next()).toEqual({ done: true, value: undefined })
      expiring.dispose()
    } finally {
      await shortLived.close()
    }
  })

  test('no token: the subscription is refused with UNAUTHENTICATED', async () => {
    const anonymous = createSSEClient({
      url: 'http://localhost/graphql',
      fetchFn: inProcess,
      retryAttempts: 0,
    })
    const { value } = await anonymous
      .iterate({ query: 'subscription { todoChanged { type } }' })
      .next()
    expect(errorOf(value as Result).extensions).toMatchObject({ code: 'UNAUTHENTICATED' })
    anonymous.dispose()
  })
})

test('GraphiQL is off unless GRAPHIQL_ENABLED is set', async () => {
  const html = { headers: { accept: 'text/html' } }
  const off = await t.request('/graphql', html)
  expect(String(off.headers.get('content-type'))).not.toMatch(/html/)
  const dev = await testApp({ GRAPHIQL_ENABLED: 'true' })
  try {
    const page = await dev.request('/graphql', html)
    expect(await page.text()).toMatch(/graphiql/i)
  } finally {
    await dev.close()
  }
})
