import { join } from 'node:path'
import { appState, createApp, openAPIGenerator, route } from '@sluice/core'
import { and, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { MIGRATIONS } from './fixtures/paths'
import { users } from './fixtures/schema'
import { tempDir } from './fixtures/temp'
import { cursorPagination, offsetPagination, paginate, paginateByCursor } from './pagination'
import { openSqlite, type SQLiteDatabase, sqlite } from './sqlite'

function listingApp(url: string) {
  const db = sqlite({ url, migrations: MIGRATIONS })
  const page = offsetPagination({ defaultLimit: 2, maxLimit: 5 })
  const cursor = cursorPagination({ defaultLimit: 2, maxLimit: 5 })
  const app = createApp({
    routes: [
      route.get('/users', { deps: { db, page } }, ({ db, page }) =>
        paginate(db.select().from(users).orderBy(users.id), db.$count(users), page),
      ),
      route.get('/users/by-cursor', { deps: { db, cursor } }, ({ db, cursor }) =>
        paginateByCursor(
          (after) => db.select().from(users).where(after).$dynamic(),
          users.id,
          (user) => user.id,
          cursor,
        ),
      ),
      route.get('/users/newest-first', { deps: { db, cursor } }, ({ db, cursor }) =>
        paginateByCursor(
          (after) =>
            db
              .select()
              .from(users)
              .where(and(like(users.email, '%@example.com'), after))
              .$dynamic(),
          users.id,
          (user) => user.id,
          cursor,
          'desc',
        ),
      ),
    ],
  })
  return { app, db }
}

function seed(url: string, count: number, from = 1) {
  const db: SQLiteDatabase = openSqlite({ url })
  for (let i = from; i < from + count; i++)
    db.insert(users)
      .values({ email: `user${i}@example.com` })
      .run()
  db.$client.close()
}

async function get(app: ReturnType<typeof listingApp>['app'], path: string) {
  const res = await app.request(path)
  return { status: res.status, body: await res.json() }
}

const ids = (body: { items: { id: number }[] }) => body.items.map((user) => user.id)

describe('offset pagination', () => {
  test('an empty table is an empty page with a total of 0', async () => {
    const { app } = listingApp(join(tempDir(), 'app.db'))
    expect(await get(app, '/users')).toEqual({
      status: 200,
      body: { items: [], total: 0, limit: 2, offset: 0 },
    })
    await app.shutdown()
  })

  test('pages through the rows, the last page short', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = listingApp(url)
    await app.request('/users') // migrates
    seed(url, 5)
    const first = await get(app, '/users')
    expect(ids(first.body)).toEqual([1, 2])
    expect(first.body.total).toBe(5)
    const last = await get(app, '/users?limit=2&offset=4')
    expect(last.body).toEqual({
      items: [{ id: 5, email: 'user5@example.com' }],
      total: 5,
      limit: 2,
      offset: 4,
    })
    const beyond = await get(app, '/users?offset=10')
    expect(beyond.body).toEqual({ items: [], total: 5, limit: 2, offset: 10 })
    await app.shutdown()
  })

  test('limit and offset are bounded: out of range is a 422 on the parameter', async () => {
    const { app } = listingApp(join(tempDir(), 'app.db'))
    expect((await get(app, '/users?limit=5')).status).toBe(200)
    for (const [query, key] of [
      ['limit=0', 'limit'],
      ['limit=6', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
    ]) {
      const res = await get(app, `/users?${query}`)
      expect(res.status).toBe(422)
      expect(res.body.detail[0].loc).toEqual(['query', key])
    }
    await app.shutdown()
  })

  test('its query parameters appear in the OpenAPI operation', () => {
    const { app } = listingApp(join(tempDir(), 'app.db'))
    const document = openAPIGenerator({ title: 'Test', version: '1' }, appState(app).routes)()
    const parameters = (path: string) =>
      document.paths?.[path]?.get?.parameters?.map((p) => 'name' in p && [p.name, p.in, p.schema])
    expect(parameters('/users')).toEqual([
      ['limit', 'query', { type: 'integer', minimum: 1, maximum: 5, default: 2 }],
      ['offset', 'query', { type: 'integer', minimum: 0, default: 0 }],
    ])
    expect(parameters('/users/by-cursor')).toEqual([
      ['limit', 'query', { type: 'integer', minimum: 1, maximum: 5, default: 2 }],
      ['cursor', 'query', { type: 'string' }],
    ])
  })
})

describe('cursor pagination', () => {
  test('an empty table is an empty page without a next cursor', async () => {
    const { app } = listingApp(join(tempDir(), 'app.db'))
    expect(await get(app, '/users/by-cursor')).toEqual({
      status: 200,
      body: { items: [], nextCursor: null },
    })
    await app.shutdown()
  })

  test('the last page has no next cursor, also when it is exactly full', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = listingApp(url)
    await app.request('/users')
    seed(url, 4)
    const first = await get(app, '/users/by-cursor')
    expect(ids(first.body)).toEqual([1, 2])
    const second = await get(app, `/users/by-cursor?cursor=${first.body.nextCursor}`)
    expect(ids(second.body)).toEqual([3, 4])
    expect(second.body.nextCursor).toBeNull()
    await app.shutdown()
  })

  test('rows inserted between pages neither repeat nor hide rows', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = listingApp(url)
    await app.request('/users')
    seed(url, 3)
    const seen: number[] = []
    let page = await get(app, '/users/by-cursor?limit=2')
    seen.push(...ids(page.body))
    seed(url, 2, 100) // inserted while the client is paging
    while (page.body.nextCursor) {
      page = await get(app, `/users/by-cursor?limit=2&cursor=${page.body.nextCursor}`)
      seen.push(...ids(page.body))
    }
    expect(seen).toEqual([1, 2, 3, 4, 5])
    await app.shutdown()
  })

  test('newest first, rows inserted between pages do not shift the next pages (as offsets would)', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = listingApp(url)
    await app.request('/users')
    seed(url, 5)
    let page = await get(app, '/users/newest-first?limit=2')
    const seen = ids(page.body)
    seed(url, 2, 100)
    while (page.body.nextCursor) {
      page = await get(app, `/users/newest-first?limit=2&cursor=${page.body.nextCursor}`)
      seen.push(...ids(page.body))
    }
    expect(seen).toEqual([5, 4, 3, 2, 1])
    await app.shutdown()
  })

  test('descending order with a filter of its own', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = listingApp(url)
    await app.request('/users')
    seed(url, 5)
    const first = await get(app, '/users/newest-first?limit=3')
    expect(ids(first.body)).toEqual([5, 4, 3])
    const second = await get(app, `/users/newest-first?limit=3&cursor=${first.body.nextCursor}`)
    expect(ids(second.body)).toEqual([2, 1])
    expect(second.body.nextCursor).toBeNull()
    await app.shutdown()
  })

  test('a cursor not made by Sluice is a 422 on query.cursor', async () => {
    const { app } = listingApp(join(tempDir(), 'app.db'))
    for (const cursor of ['', 'nonsense!', btoa('{"id":1}'), btoa('[null]')]) {
      const res = await get(app, `/users/by-cursor?cursor=${encodeURIComponent(cursor)}`)
      expect(res.status).toBe(422)
      expect(res.body.detail[0]).toMatchObject({ loc: ['query', 'cursor'], msg: 'Invalid cursor' })
    }
    expect((await get(app, '/users/by-cursor?limit=6')).status).toBe(422)
    await app.shutdown()
  })
})

describe('a pagination shape the app chooses', () => {
  test("FastAPI's template: ?skip=&limit= in, { data, count } out", async () => {
    const db = openSqlite({ url: ':memory:', migrations: MIGRATIONS })
    db.insert(users)
      .values(['a', 'b', 'c'].map((name) => ({ email: `${name}@example.com` })))
      .run()
    const page = offsetPagination({ offsetParam: 'skip' })
    const app = createApp({
      routes: [
        route.get('/users', { deps: { page } }, async ({ page }) => {
          const { items, total } = await paginate(
            db.select().from(users).orderBy(users.id),
            db.$count(users),
            page,
          )
          return { data: items.map((user) => user.email), count: total }
        }),
      ],
    })
    const response = await app.request('/users?skip=1&limit=1')
    expect(await response.json()).toEqual({ data: ['b@example.com'], count: 3 })
    const parameters = app.openapi().paths['/users']?.get?.parameters?.map((p) => p.name)
    expect(parameters).toEqual(['limit', 'skip'])
    expect((await app.request('/users?skip=-1')).status).toBe(422)
  })
})
