import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, route, router } from '../index'
import { laxConverter } from './lax'

// What FastAPI 0.142 accepts in a JSON body for `int`, `float`, `bool` and `list[int]` fields.
describe('laxConverter', () => {
  const Item = v.object({
    i: v.optional(v.pipe(v.number(), v.integer())),
    f: v.optional(v.number()),
    b: v.optional(v.boolean()),
    s: v.optional(v.string()),
    l: v.optional(v.array(v.pipe(v.number(), v.integer()))),
    nested: v.optional(v.object({ n: v.number() })),
    weights: v.optional(v.record(v.string(), v.number())),
  })
  const lax = laxConverter(Item)
  const parse = (body: unknown) => v.safeParse(Item, lax(body))

  test('numeric and boolean strings become numbers and booleans', () => {
    expect(parse({ i: '1.0', f: '1.5', b: 'yes', l: ['1', 2] }).output).toEqual({
      i: 1,
      f: 1.5,
      b: true,
      l: [1, 2],
    })
    expect(parse({ i: ' 7 ', f: ' 2 ', b: 'Off' }).output).toEqual({ i: 7, f: 2, b: false })
  })

  test('booleans count as 1 and 0, and 1 and 0 as booleans', () => {
    expect(parse({ i: true, f: true, b: 1 }).output).toEqual({ i: 1, f: 1, b: true })
    expect(parse({ b: 0 }).output).toEqual({ b: false })
  })

  test('nested objects and records convert too', () => {
    expect(parse({ nested: { n: '3' }, weights: { a: '0.5' } }).output).toEqual({
      nested: { n: 3 },
      weights: { a: 0.5 },
    })
  })

  test('what does not parse is left for the schema to reject', () => {
    const result = parse({ i: '0x1', b: 2, s: 1 })
    expect(result.issues?.map((issue) => issue.input)).toEqual(['0x1', 2, 1])
  })

  test('is built once per schema', () => {
    expect(laxConverter(Item)).toBe(lax)
  })
})

describe('lax mode on a route or an app', () => {
  const Item = v.object({ name: v.string(), price: v.number(), offer: v.optional(v.boolean()) })
  const post = (lax?: boolean) =>
    route.post('/items', { body: Item, ...(lax === undefined ? {} : { lax }) }, ({ body }) => body)
  const send = (app: {
    request: (path: string, init: RequestInit) => Response | Promise<Response>
  }) =>
    app.request('/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Foo', price: '50.5', offer: 'yes' }),
    })

  test('strict by default: a numeric string is not a number', async () => {
    const res = await send(createApp({ routes: [post()] }))
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0]).toMatchObject({
      loc: ['body', 'price'],
      type: 'float_type',
    })
  })

  test('a lax route converts as FastAPI does', async () => {
    const res = await send(createApp({ routes: [post(true)] }))
    expect([res.status, await res.json()]).toEqual([200, { name: 'Foo', price: 50.5, offer: true }])
  })

  test('a lax app converts every route that does not say otherwise', async () => {
    const app = createApp({
      routes: [post(), router({ prefix: '/strict' }, [post(false)])],
      lax: true,
    })
    expect((await send(app)).status).toBe(200)
    const strict = await app.request('/strict/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Foo', price: '50.5' }),
    })
    expect(strict.status).toBe(422)
  })
})
