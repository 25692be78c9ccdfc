import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Session, type TestApp, testApp } from './helpers'

// Sign-ups hash with scrypt at its production cost: slow on a loaded 2-CPU machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let t: TestApp
let grace: Session
let heidi: Session

beforeAll(async () => {
  t = await testApp()
  grace = await t.signUp('grace@example.com')
  heidi = await t.signUp('heidi@example.com')
})
afterAll(() => t.close())

interface Todo {
  id: number
  title: string
  updated_at: string
}

const get = (path: string, user: Session, headers: Record<string, string> = {}) =>
  t.request(path, { headers: { authorization: `Bearer ${user.access}`, ...headers } })

const create = async (title: string, user: Session): Promise<Todo> => {
  const res = await t.json('POST', '/todos', { title }, user.access)
  expect(res.status).toBe(201)
  return res.json()
}

/** A 200's ETag, after checking it says the answer is the user's own. */
async function etagOf(path: string, user: Session): Promise<string> {
  const res = await get(path, user)
  expect(res.status).toBe(200)
  expect(res.headers.get('cache-control')).toBe('private, no-cache')
  expect(res.headers.get('vary')).toMatch(/\bAuthorization\b/)
  return res.headers.get('etag') as string
}

/** What RFC 9110 asks of a 304: no body, and the validators and caching headers of the 200. */
async function expectNotModified(res: Response, etag: string) {
  expect(res.status).toBe(304)
  expect(await res.text()).toBe('')
  expect(res.headers.get('etag')).toBe(etag)
  expect(res.headers.get('cache-control')).toBe('private, no-cache')
  expect(res.headers.get('vary')).toMatch(/\bAuthorization\b/)
}

describe('GET /todos answers 304 to a client that has the list', () => {
  it('with the ETag it was given, and 200 with a new ETag once a todo changes', async () => {
    const todo = await create('water the plants', grace)
    const etag = await etagOf('/todos', grace)
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/)
    await expectNotModified(await get('/todos', grace, { 'if-none-match': etag }), etag)

    const patched = await t.request(`/todos/${todo.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${grace.access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ completed: true }),
    })
    expect(patched.status).toBe(200)
    const changed = await get('/todos', grace, { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect((await changed.json()).items[0].completed).toBe(true)
  })

  it("never answers one user with another's: grace's ETag sent by heidi gets heidi's own 200", async () => {
    await create('grace only', grace)
    await create('heidi only', heidi)
    const gracesEtag = await etagOf('/todos', grace)
    const res = await get('/todos', heidi, { 'if-none-match': gracesEtag })
    expect(res.status).toBe(200)
    const titles = (await res.json()).items.map((todo: Todo) => todo.title)
    expect(titles).toContain('heidi only')
    expect(titles).not.toContain('grace only')
  })

  it('each query is its own representation: another page is not a 304', async () => {
    const etag = await etagOf('/todos?limit=1', grace)
    await expectNotModified(await get('/todos?limit=1', grace, { 'if-none-match': etag }), etag)
    expect((await get('/todos?limit=2', grace, { 'if-none-match': etag })).status).toBe(200)
  })

  it('without a valid token, an If-None-Match gets the 401, never a 304', async () => {
    const etag = await etagOf('/todos', grace)
    const res = await t.request('/todos', { headers: { 'if-none-match': etag } })
    expect(res.status).toBe(401)
    expect(res.headers.get('vary')).toMatch(/\bAuthorization\b/)
  })
})

describe('GET /todos/{id} answers 304 to a client that has the todo', () => {
  it('by ETag and by Last-Modified, and 200 once it changes', async () => {
    const todo = await create('call mum', grace)
    const path = `/todos/${todo.id}`
    const first = await get(path, grace)
    const etag = first.headers.get('etag') as string
    const lastModified = first.headers.get('last-modified') as string
    expect(lastModified).toBe(new Date(todo.updated_at).toUTCString())
    await expectNotModified(await get(path, grace, { 'if-none-match': etag }), etag)
    await expectNotModified(await get(path, grace, { 'if-modified-since': lastModified }), etag)

    const renamed = await t.json('PUT', path, { title: 'call dad' }, grace.access)
    expect(renamed.status).toBe(200)
    const changed = await get(path, grace, { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect((await changed.json()).title).toBe('call dad')
  })

  it("answers another user's todo 404 whatever validator is sent", async () => {
    const todo = await create('private', grace)
    const etag = await etagOf(`/todos/${todo.id}`, grace)
    for (const condition of [{ 'if-none-match': etag }, { 'if-none-match': '*' }]) {
      const res = await get(`/todos/${todo.id}`, heidi, condition)
      expect(res.status).toBe(404)
      expect(res.headers.get('cache-control')).toBe('private, no-cache')
    }
  })
})

it('the OpenAPI document shows the caching headers and the 304 of both routes', async () => {
  const document = await (await t.request('/openapi.json')).json()
  for (const path of ['/todos', '/todos/{id}']) {
    const { responses } = document.paths[path].get
    expect(responses['200'].headers['Cache-Control'].schema.const).toBe('private, no-cache')
    expect(responses['200'].headers.Vary.schema.const).toBe('Authorization')
    expect(Object.keys(responses['304'].headers)).toContain('ETag')
  }
})
