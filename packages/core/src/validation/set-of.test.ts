import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, route, setOf } from '../index'

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

// FastAPI 0.142 with `tags: set[str] = set()`, `nums: set[int] = set()` and `q: set[int] = Query()`.
describe('setOf()', () => {
  const Item = v.object({
    tags: v.optional(setOf(v.string()), () => []),
    nums: v.optional(setOf(v.pipe(v.number(), v.integer())), () => []),
  })
  const save = route.post('/items', { body: Item, lax: true }, ({ body }) => body)
  const search = route.get(
    '/search',
    { query: v.object({ q: v.optional(setOf(v.pipe(v.number(), v.integer())), () => []) }) },
    ({ query }) => query,
  )
  const app = createApp({ routes: [save, search] })

  test('repeated items are dropped, the first of each kept in order', async () => {
    const res = await app.request('/items', json({ tags: ['a', 'b', 'a'], nums: [1, '2', 1, 2] }))
    expect(await res.json()).toEqual({ tags: ['a', 'b'], nums: [1, 2] })
    expect(await (await app.request('/search?q=3&q=1&q=3')).json()).toEqual({ q: [3, 1] })
  })

  test('what is not a list is not a valid set; a bad item is located by its index', async () => {
    const res = await app.request('/items', json({ tags: 'a', nums: [[1]] }))
    expect(await res.json()).toEqual({
      detail: [
        { type: 'set_type', loc: ['body', 'tags'], msg: 'Input should be a valid set', input: 'a' },
        {
          type: 'int_type',
          loc: ['body', 'nums', 0],
          msg: 'Input should be a valid integer',
          input: [1],
        },
      ],
    })
    expect(await (await app.request('/search?q=1&q=x')).json()).toEqual({
      detail: [
        {
          type: 'int_parsing',
          loc: ['query', 'q', 1],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'x',
        },
      ],
    })
  })

  test('documented as an array of unique items', () => {
    const document = app.openapi()
    expect(document.paths['/search']?.get?.parameters?.[0]?.schema).toEqual({
      type: 'array',
      uniqueItems: true,
      items: { type: 'integer' },
      default: [],
    })
  })
})
