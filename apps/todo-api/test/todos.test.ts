import { eq, type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Orm } from '../src/db/database'
import { onPostgres } from './database'
import { executionContext, type Session, type TestApp, testApp } from './helpers'

// Sign-ups, logins and password changes hash with scrypt at its production cost (N=2^17):
// on a loaded 2-CPU machine a test doing several of them outlasts vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let t: TestApp
let erin: Session
let frank: Session

beforeAll(async () => {
  t = await testApp()
  erin = await t.signUp('erin@example.com')
  frank = await t.signUp('frank@example.com')
})
afterAll(() => t.close())

interface Todo {
  id: number
  title: string
  description: string | null
  completed: boolean
  priority: number
  due_date: string | null
  created_at: string
  updated_at: string
}

const create = async (body: Record<string, unknown>, user = erin): Promise<Todo> => {
  const res = await t.json('POST', '/todos', body, user.access)
  expect(res.status).toBe(201)
  return res.json()
}
/** Runs a statement the query builder has no word for: `run` on SQLite, `execute` on PostgreSQL. */
const runSql = (orm: Orm, statement: SQL) =>
  onPostgres
    ? (orm as unknown as { execute(statement: SQL): Promise<unknown> }).execute(statement)
    : orm.run(statement)

/** The audit-log rows of a todo, oldest first, read behind the API. */
const auditOf = async (todoId: number) => {
  const { orm, tables } = await t.database()
  return orm
    .select({ action: tables.auditLog.action, user_id: tables.auditLog.user_id })
    .from(tables.auditLog)
    .where(eq(tables.auditLog.todo_id, todoId))
    .orderBy(tables.auditLog.id)
}
const list = async (query: string, user = erin) => {
  const res = await t.json('GET', `/todos?${query}`, undefined, user.access)
  expect(res.status).toBe(200)
  return res.json() as Promise<{ items: Todo[]; total: number; skip: number; limit: number }>
}

describe('POST /todos', () => {
  it('creates a todo with defaults, a trimmed title and a Location', async () => {
    const res = await t.json('POST', '/todos', { title: '  Buy milk  ' }, erin.access)
    expect(res.status).toBe(201)
    const todo = await res.json()
    expect(todo).toEqual({
      id: expect.any(Number),
      title: 'Buy milk',
      description: null,
      completed: false,
      priority: 3,
      due_date: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    })
    expect(res.headers.get('location')).toBe(`/todos/${todo.id}`)
    const read = await t.json('GET', res.headers.get('location') as string, undefined, erin.access)
    expect(await read.json()).toEqual(todo)
  })

  it('writes the audit-log row with the todo: it is there when the response is', async () => {
    const ctx = executionContext()
    const res = await t.request(
      '/todos',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${erin.access}` },
        body: JSON.stringify({ title: 'Audited' }),
      },
      ctx,
    )
    const { id } = await res.json()
    expect(await auditOf(id)).toEqual([{ action: 'todo.created', user_id: expect.any(Number) }])
    // What may be lost (telling live clients) still runs after the response.
    expect(ctx.pending.length).toBeGreaterThan(0)
    await Promise.all(ctx.pending)
    expect((await t.json('DELETE', `/todos/${id}`, undefined, erin.access)).status).toBe(204)
    expect((await auditOf(id)).map((row) => row.action)).toEqual(['todo.created', 'todo.deleted'])
  })

  it('keeps no todo whose audit row could not be written', async () => {
    const broken = await testApp()
    try {
      const ivan = await broken.signUp('ivan@example.com')
      const { orm, tables } = await broken.database()
      await runSql(orm, sql`DROP TABLE audit_log`)
      const res = await broken.json('POST', '/todos', { title: 'Unaudited' }, ivan.access)
      expect(res.status).toBe(500)
      expect(await orm.select().from(tables.todos)).toEqual([])
    } finally {
      await broken.close()
    }
  })

  it.each([
    ['a blank title', { title: '   ' }, 'title'],
    ['a missing title', {}, 'title'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'title'],
    ['a 2001-character description', { title: 'x', description: 'd'.repeat(2001) }, 'description'],
    ['priority 0', { title: 'x', priority: 0 }, 'priority'],
    ['priority 6', { title: 'x', priority: 6 }, 'priority'],
    ['a fractional priority', { title: 'x', priority: 2.5 }, 'priority'],
    ['a date that is not ISO', { title: 'x', due_date: '31/12/2030' }, 'due_date'],
    ['a day past the month', { title: 'x', due_date: '2030-02-31' }, 'due_date'],
    ['February 29 of a common year', { title: 'x', due_date: '2030-02-29' }, 'due_date'],
    ['a string for completed', { title: 'x', completed: 'yes' }, 'completed'],
  ])('answers 422 for %s', async (_, body, field) => {
    const res = await t.json('POST', '/todos', body, erin.access)
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0].loc).toEqual(['body', field])
  })

  it('accepts February 29 of a leap year', async () => {
    expect((await create({ title: 'Leap', due_date: '2028-02-29' })).due_date).toBe('2028-02-29')
  })

  it('accepts the limits: a 200-character title and a 2000-character description', async () => {
    await create({ title: 't'.repeat(200), description: 'd'.repeat(2000), priority: 5 })
  })

  it('refuses a NUL character or a lone surrogate in a title or description with 422, keeps an emoji', async () => {
    const todo = await create({ title: 'Milk' })
    const writes = [
      ['POST', '/todos'],
      ['PUT', `/todos/${todo.id}`],
      ['PATCH', `/todos/${todo.id}`],
    ]
    for (const [method, path] of writes)
      for (const [field, text] of [
        ['title', 'Milk\u0000; DROP'],
        ['title', 'Milk \ud83d'],
        ['description', '\udc00 half a pair'],
      ] as const) {
        const res = await t.json(method!, path!, { title: 'Milk', [field]: text }, erin.access)
        expect(res.status).toBe(422)
        expect((await res.json()).detail).toEqual([
          {
            type: 'value_error',
            loc: ['body', field],
            msg: 'Value error, Text must not contain a NUL character or a lone surrogate',
            input: text,
            ctx: { error: {} },
          },
        ])
      }
    expect((await create({ title: 'Milk \ud83e\udd5b', description: 'ok' })).title).toBe('Milk 🥛')
  })

  it('answers 422 for a body that is not JSON', async () => {
    const res = await t.request('/todos', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${erin.access}` },
      body: '{',
    })
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0].type).toBe('json_invalid')
  })

  it('answers 401 without a token', async () => {
    expect((await t.json('POST', '/todos', { title: 'x' })).status).toBe(401)
  })
})

describe('GET /todos/:id', () => {
  it('answers 404 for a missing todo and 422 for an id that is not a number', async () => {
    const missing = await t.json('GET', '/todos/999999', undefined, erin.access)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ detail: 'Todo not found' })
    expect((await t.json('GET', '/todos/abc', undefined, erin.access)).status).toBe(422)
  })

  it.each(['2147483648', '9223372036854775808'])(
    'answers 422, not 500, for id %s, beyond the database’s integers',
    async (id) => {
      const res = await t.json('GET', `/todos/${id}`, undefined, erin.access)
      expect(res.status).toBe(422)
      expect((await res.json()).detail[0].loc).toEqual(['path', 'id'])
    },
  )
})

describe('PUT /todos/:id', () => {
  it('replaces every field; omitted ones take their defaults', async () => {
    const todo = await create({
      title: 'Old',
      description: 'old',
      priority: 1,
      due_date: '2030-01-01',
      completed: true,
    })
    const res = await t.json('PUT', `/todos/${todo.id}`, { title: 'New' }, erin.access)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      id: todo.id,
      title: 'New',
      description: null,
      priority: 3,
      due_date: null,
      completed: false,
      created_at: todo.created_at,
    })
  })

  it('answers 422 for an invalid body and 404 for a missing todo', async () => {
    const todo = await create({ title: 'Keep' })
    expect((await t.json('PUT', `/todos/${todo.id}`, {}, erin.access)).status).toBe(422)
    expect((await t.json('PUT', '/todos/999999', { title: 'x' }, erin.access)).status).toBe(404)
  })
})

describe('PATCH /todos/:id', () => {
  it('changes only the fields sent, and null clears a nullable one', async () => {
    const todo = await create({ title: 'Patch me', description: 'desc', due_date: '2030-05-05' })
    const done = await t.json('PATCH', `/todos/${todo.id}`, { completed: true }, erin.access)
    expect(done.status).toBe(200)
    const patched = await done.json()
    expect(patched).toMatchObject({ ...todo, completed: true, updated_at: expect.any(String) })
    expect(patched.updated_at >= todo.updated_at).toBe(true)
    const cleared = await t.json(
      'PATCH',
      `/todos/${todo.id}`,
      { description: null, due_date: null },
      erin.access,
    )
    expect(await cleared.json()).toMatchObject({
      title: 'Patch me',
      completed: true,
      description: null,
      due_date: null,
    })
  })

  it('answers 422 for a null title or a blank one', async () => {
    const todo = await create({ title: 'Titled' })
    for (const title of [null, ' '])
      expect((await t.json('PATCH', `/todos/${todo.id}`, { title }, erin.access)).status).toBe(422)
  })
})

describe('DELETE /todos/:id', () => {
  it('answers 204 and the todo is gone', async () => {
    const todo = await create({ title: 'Delete me' })
    const res = await t.json('DELETE', `/todos/${todo.id}`, undefined, erin.access)
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect((await t.json('GET', `/todos/${todo.id}`, undefined, erin.access)).status).toBe(404)
    expect((await t.json('DELETE', `/todos/${todo.id}`, undefined, erin.access)).status).toBe(404)
  })
})

describe('isolation between users', () => {
  it("answers another user's todo exactly like a missing one", async () => {
    const todo = await create({ title: 'Private' })
    const missing = await t.json('GET', '/todos/999999', undefined, frank.access)
    const requests: [string, unknown][] = [
      ['GET', undefined],
      ['PUT', { title: 'Stolen' }],
      ['PATCH', { title: 'Stolen' }],
      ['DELETE', undefined],
    ]
    for (const [method, body] of requests) {
      const res = await t.json(method, `/todos/${todo.id}`, body, frank.access)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual(await missing.clone().json())
    }
    const still = await t.json('GET', `/todos/${todo.id}`, undefined, erin.access)
    expect((await still.json()).title).toBe('Private')
  })

  it('lists only your own todos', async () => {
    const mine = await create({ title: 'Frank only' }, frank)
    const frankList = await list('limit=100', frank)
    expect(frankList.items.map((todo) => todo.id)).toEqual([mine.id])
    expect(frankList.total).toBe(1)
    const erinList = await list('limit=100')
    expect(erinList.items.map((todo) => todo.id)).not.toContain(mine.id)
  })
})

describe('GET /todos', () => {
  let grace: Session
  beforeAll(async () => {
    grace = await t.signUp('grace@example.com')
    const samples = [
      { title: 'Banana', priority: 2, due_date: '2030-03-01', completed: true },
      { title: 'apple pie', priority: 5, due_date: '2030-01-01', description: 'with CINNAMON' },
      { title: 'Cherry', priority: 1, description: '100% fruit_juice' },
      { title: 'Date', priority: 3, due_date: '2030-02-01', completed: true },
    ]
    for (const todo of samples) await create(todo, grace)
  })
  const titles = async (query: string) => (await list(query, grace)).items.map((todo) => todo.title)

  it('answers the envelope, newest first, with limit 20 by default', async () => {
    const page = await list('', grace)
    expect(page).toMatchObject({ total: 4, skip: 0, limit: 20 })
    expect(page.items.map((todo) => todo.title)).toEqual(['Date', 'Cherry', 'apple pie', 'Banana'])
  })

  it('filters by completion and priority', async () => {
    expect(await titles('completed=true&sort=title')).toEqual(['Banana', 'Date'])
    expect(await titles('completed=false&sort=title')).toEqual(['Cherry', 'apple pie'])
    expect(await titles('priority=5')).toEqual(['apple pie'])
  })

  it('searches title and description, case-insensitively and literally', async () => {
    expect(await titles('q=APPLE')).toEqual(['apple pie'])
    expect(await titles('q=cinnamon')).toEqual(['apple pie'])
    expect(await titles('q=100%25')).toEqual(['Cherry'])
    expect(await titles('q=ui_')).toEqual([])
    expect(await titles('q=it_j')).toEqual(['Cherry'])
  })

  it('finds letters beyond ASCII as they are written, on every database', async () => {
    const henri = await t.signUp('henri@example.com')
    await create({ title: 'École', description: 'Crème brûlée' }, henri)
    const found = async (q: string) =>
      (await list(`q=${encodeURIComponent(q)}`, henri)).items.map((todo) => todo.title)
    expect(await found('É')).toEqual(['École'])
    expect(await found('brûlée')).toEqual(['École'])
    // ASCII letters fold everywhere; others only where the database folds them (PostgreSQL).
    expect(await found('CRème')).toEqual(['École'])
  })

  it('filters by due date, bounds included', async () => {
    expect(await titles('due_before=2030-02-01&sort=due_date')).toEqual(['apple pie', 'Date'])
    expect(await titles('due_after=2030-02-01&sort=due_date')).toEqual(['Date', 'Banana'])
  })

  it.each([
    ['created_at', ['Banana', 'apple pie', 'Cherry', 'Date']],
    ['-created_at', ['Date', 'Cherry', 'apple pie', 'Banana']],
    ['due_date', ['apple pie', 'Date', 'Banana', 'Cherry']],
    ['priority', ['Cherry', 'Banana', 'Date', 'apple pie']],
    ['title', ['Banana', 'Cherry', 'Date', 'apple pie']],
    ['-title', ['apple pie', 'Date', 'Cherry', 'Banana']],
    ['-priority', ['apple pie', 'Date', 'Banana', 'Cherry']],
    // Todos without a due date come last either way.
    ['-due_date', ['Banana', 'Date', 'apple pie', 'Cherry']],
  ])('sorts by %s', async (sort, expected) => {
    expect(await titles(`sort=${sort}`)).toEqual(expected)
  })

  it('pages with skip and limit; total counts every match', async () => {
    const page = await list('sort=priority&skip=1&limit=2', grace)
    expect(page.items.map((todo) => todo.title)).toEqual(['Banana', 'Date'])
    expect(page).toMatchObject({ total: 4, skip: 1, limit: 2 })
    const filtered = await list('completed=true&limit=1', grace)
    expect(filtered).toMatchObject({ total: 2, limit: 1 })
    expect(filtered.items).toHaveLength(1)
  })

  it.each([
    'limit=0',
    'limit=101',
    'skip=-1',
    'priority=9',
    'sort=id',
    'completed=maybe',
    'due_before=tomorrow',
    'due_before=2030-02-30',
    'skip=9223372036854775808',
    'skip=2147483648',
  ])('answers 422 for %s', async (query) => {
    const res = await t.json('GET', `/todos?${query}`, undefined, grace.access)
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0].loc[0]).toBe('query')
  })

  it('answers 401 without a token', async () => {
    expect((await t.json('GET', '/todos')).status).toBe(401)
  })

  it('documents the bounds of every integer and each sort order in the OpenAPI schema', async () => {
    const spec = await (await t.request('/openapi.json')).json()
    const parameters = Object.fromEntries(
      spec.paths['/todos'].get.parameters.map((p: { name: string; schema: unknown }) => [
        p.name,
        p.schema,
      ]),
    )
    expect(parameters.skip).toMatchObject({ minimum: 0, maximum: 2147483647 })
    expect(parameters.limit).toMatchObject({ minimum: 1, maximum: 100 })
    expect(parameters.sort.enum).toEqual([
      'created_at',
      '-created_at',
      'updated_at',
      '-updated_at',
      'due_date',
      '-due_date',
      'priority',
      '-priority',
      'title',
      '-title',
    ])
    const id = spec.paths['/todos/{id}'].get.parameters.find(
      (p: { name: string }) => p.name === 'id',
    )
    expect(id.schema).toMatchObject({ minimum: 1, maximum: 2147483647 })
  })

  it('shows the non-blank title rule as a pattern the API applies', async () => {
    const spec = await (await t.request('/openapi.json')).json()
    const { pattern } = spec.components.schemas.TodoCreate.properties.title
    expect(pattern).toEqual(expect.any(String))
    for (const title of [' ', '\t\n', '']) {
      expect(new RegExp(pattern).test(title)).toBe(false)
      expect((await t.json('POST', '/todos', { title }, erin.access)).status).toBe(422)
    }
    expect(new RegExp(pattern).test(' x ')).toBe(true)
  })
})

it('never answers with a password or its hash', () => {
  const bodies = t.bodies.join('\n')
  expect(bodies).not.toContain('correct-horse-42')
  expect(bodies).not.toContain('password_hash')
  expect(bodies).not.toContain('owner_id')
})
