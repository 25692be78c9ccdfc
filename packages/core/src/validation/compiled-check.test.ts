import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { fastCheck } from '#fast-checks'
import { createApp, route } from '../index'
import { compiledCheck, UNPROVEN } from './compiled-check'
import { isoDate } from './iso-date'

const Item = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(5), v.description('shown in OpenAPI')),
  price: v.pipe(v.number(), v.gtValue(0), v.ltValue(100)),
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9)), 3),
  tags: v.optional(v.pipe(v.array(v.string()), v.nonEmpty(), v.maxLength(2))),
  note: v.nullish(v.string()),
  kind: v.picklist(['a', 'b']),
  fixed: v.optional(v.literal(true)),
  code: v.optional(v.pipe(v.string(), v.regex(/^[a-z]+$/), v.length(3))),
  nested: v.optional(v.nullable(v.object({ n: v.number(), any: v.unknown() }), null)),
})

/** Values around every edge of `Item`: valid ones, and one thing wrong at a time. */
const inputs: unknown[] = [
  { name: 'ab', price: 1, kind: 'a' },
  { kind: 'b', price: 99.5, name: 'abcde', extra: 1, count: 9, tags: ['x', 'y'], note: null },
  { name: 'ab', price: 1, kind: 'a', fixed: true, code: 'abc', nested: { n: 1, any: [1] } },
  { name: 'ab', price: 1, kind: 'a', nested: undefined, note: undefined, count: undefined },
  { name: 'ab', price: 1, kind: 'a', nested: null },
  { name: '', price: 1, kind: 'a' },
  { name: 'abcdef', price: 1, kind: 'a' },
  { name: 1, price: 1, kind: 'a' },
  { name: 'ab', price: 0, kind: 'a' },
  { name: 'ab', price: 100, kind: 'a' },
  { name: 'ab', price: Number.NaN, kind: 'a' },
  { name: 'ab', price: '1', kind: 'a' },
  { name: 'ab', kind: 'a' },
  { name: 'ab', price: 1, kind: 'c' },
  { name: 'ab', price: 1, kind: 'a', count: 1.5 },
  { name: 'ab', price: 1, kind: 'a', count: 2 ** 60 },
  { name: 'ab', price: 1, kind: 'a', count: 0 },
  { name: 'ab', price: 1, kind: 'a', tags: [] },
  { name: 'ab', price: 1, kind: 'a', tags: ['a', 'b', 'c'] },
  { name: 'ab', price: 1, kind: 'a', tags: [1] },
  { name: 'ab', price: 1, kind: 'a', fixed: false },
  { name: 'ab', price: 1, kind: 'a', code: 'ABC' },
  { name: 'ab', price: 1, kind: 'a', code: 'abcd' },
  { name: 'ab', price: 1, kind: 'a', nested: { n: '1' } },
  { name: 'ab', price: 1, kind: 'a', nested: [] },
  [],
  null,
  undefined,
  'text',
]

describe('compiledCheck', () => {
  const check = compiledCheck(Item as never)!

  test('compiles valibot schemas, pipes, wrappers and validations', () => {
    expect(check).toBeTypeOf('function')
    expect(check(inputs[0])).toEqual({ name: 'ab', price: 1, count: 3, kind: 'a' })
  })

  test.each(inputs.map((input) => [JSON.stringify(input) ?? String(input), input]))(
    'vouches only for what valibot accepts, with its exact output: %s',
    (_, input) => {
      const checked = check(input)
      const result = v.safeParse(Item, input)
      if (checked === UNPROVEN) return
      expect(result.success).toBe(true)
      expect(checked).toStrictEqual(result.output)
      // The same keys in the same order, so the JSON sent is the same.
      expect(JSON.stringify(checked)).toBe(JSON.stringify(result.output))
    },
  )

  test('proves every valid input of the schema', () => {
    const valid = inputs.filter((input) => v.safeParse(Item, input).success)
    expect(valid.map((input) => check(input) !== UNPROVEN)).toEqual(valid.map(() => true))
  })

  test('leaves a schema with parts that are not valibot’s own to valibot', () => {
    expect(compiledCheck(v.object({ due: isoDate() }) as never)).toBeUndefined()
    expect(compiledCheck(v.object({ n: v.optional(v.number(), () => 1) }) as never)).toBeUndefined()
    expect(
      compiledCheck(
        v.pipe(
          v.string(),
          v.transform((text) => text.length),
        ) as never,
      ),
    ).toBeUndefined()
    expect(compiledCheck(v.pipe(v.string(), v.regex(/a/g)) as never)).toBeUndefined()
    expect(compiledCheck(v.looseObject({ a: v.string() }) as never)).toBeUndefined()
  })
})

describe('a route whose schemas are compiled', () => {
  const app = createApp({
    routes: [
      route.post('/items', { body: Item, status: 201, response: Item }, ({ body }) => body),
      route.get(
        '/items/:id',
        {
          params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
          query: v.object({ limit: v.optional(v.pipe(v.number(), v.integer()), 10) }),
        },
        ({ params, query }) => ({ ...params, ...query }),
      ),
    ],
  })
  const post = (body: unknown) =>
    app.request('/items', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })

  test('on Node, inputs and responses are checked by the compiled check first', () => {
    expect(fastCheck(Item as never)).toBe(compiledCheck(Item as never))
  })

  test('answers a valid body with valibot’s output', async () => {
    const response = await post({ kind: 'b', price: 2, name: 'x', extra: true })
    expect(response.status).toBe(201)
    expect(await response.text()).toBe('{"name":"x","price":2,"count":3,"kind":"b"}')
  })

  test('still answers FastAPI’s 422 for what it cannot vouch for', async () => {
    const response = await post({ name: 'x', price: 1, kind: 'a', count: 2 ** 60 })
    expect(response.status).toBe(422)
    expect((await response.json()).detail).toContainEqual(
      expect.objectContaining({ type: 'int_parsing_size', loc: ['body', 'count'] }),
    )
    const array = await post([])
    expect(array.status).toBe(422)
    expect((await array.json()).detail[0]).toMatchObject({ type: 'model_attributes_type' })
  })

  test('reads path and query values through the same check', async () => {
    const response = await app.request('/items/7?limit=3')
    expect(await response.json()).toEqual({ id: 7, limit: 3 })
    expect((await app.request('/items/0')).status).toBe(422)
  })
})
