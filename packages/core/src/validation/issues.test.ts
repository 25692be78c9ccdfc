import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, dictKey, route } from '../index'

// Every expectation below is what FastAPI 0.142 (Pydantic 2.13) answered for the same declaration.

const raw = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
})
const json = (body: unknown) => raw(JSON.stringify(body))

async function detail(res: Response) {
  expect(res.status).toBe(422)
  return (await res.json()).detail
}

describe("query checks read in Pydantic's words", () => {
  const app = createApp({
    routes: [
      route.get(
        '/checks',
        {
          query: v.object({
            n: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10))),
            m: v.optional(v.pipe(v.number(), v.gtValue(0), v.ltValue(5), v.multipleOf(0.5))),
            f: v.optional(v.number()),
            // A pipe on a piped integer (the tutorial's `Int`), as FastAPI's `int = Query(ge=1)`.
            i: v.optional(v.pipe(v.pipe(v.number(), v.integer()), v.minValue(1))),
            b: v.optional(v.boolean()),
            s: v.optional(v.pipe(v.string(), v.minLength(3), v.maxLength(5), v.regex(/^[a-z]+$/))),
            l: v.optional(v.picklist(['a', 'b', 'c'])),
            one: v.optional(v.literal('x')),
            two: v.optional(v.union([v.literal('x'), v.literal('y')])),
            color: v.optional(v.enum({ red: 'red', green: 'green', blue: 'blue' })),
            day: v.optional(v.pipe(v.string(), v.isoDate())),
            at: v.optional(v.date()),
            xs: v.optional(
              v.pipe(v.array(v.pipe(v.number(), v.integer())), v.minLength(2), v.maxLength(3)),
            ),
          }),
        },
        ({ query }) => query,
      ),
    ],
  })
  const first = async (search: string) => (await detail(await app.request(`/checks?${search}`)))[0]

  test('integers and floats that do not parse', async () => {
    expect(await first('n=4.2')).toEqual({
      type: 'int_parsing',
      loc: ['query', 'n'],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: '4.2',
    })
    expect(await first('n=9007199254740993')).toEqual({
      type: 'int_parsing_size',
      loc: ['query', 'n'],
      msg: 'Unable to parse input string as an integer, exceeded maximum size',
      input: '9007199254740993',
    })
    for (const i of ['abc', '4.2']) {
      expect(await first(`i=${i}`)).toMatchObject({
        type: 'int_parsing',
        loc: ['query', 'i'],
        input: i,
      })
    }
    expect(await (await app.request('/checks?i=3')).json()).toEqual({ i: 3 })
    expect(await first('f=0x11')).toEqual({
      type: 'float_parsing',
      loc: ['query', 'f'],
      msg: 'Input should be a valid number, unable to parse string as a number',
      input: '0x11',
    })
    expect(await first('b=maybe')).toEqual({
      type: 'bool_parsing',
      loc: ['query', 'b'],
      msg: 'Input should be a valid boolean, unable to interpret input',
      input: 'maybe',
    })
  })

  test('bounds echo the value as sent, with the bound in ctx', async () => {
    expect(await first('n=0')).toEqual({
      type: 'greater_than_equal',
      loc: ['query', 'n'],
      msg: 'Input should be greater than or equal to 1',
      input: '0',
      ctx: { ge: 1 },
    })
    expect(await first('n=11')).toMatchObject({
      type: 'less_than_equal',
      ctx: { le: 10 },
      input: '11',
    })
    expect(await first('m=0')).toMatchObject({
      type: 'greater_than',
      msg: 'Input should be greater than 0',
      ctx: { gt: 0 },
    })
    expect(await first('m=5')).toMatchObject({
      type: 'less_than',
      msg: 'Input should be less than 5',
      ctx: { lt: 5 },
    })
    expect(await first('m=0.7')).toEqual({
      type: 'multiple_of',
      loc: ['query', 'm'],
      msg: 'Input should be a multiple of 0.5',
      input: '0.7',
      ctx: { multiple_of: 0.5 },
    })
  })

  test('string length and pattern', async () => {
    expect(await first('s=ab')).toEqual({
      type: 'string_too_short',
      loc: ['query', 's'],
      msg: 'String should have at least 3 characters',
      input: 'ab',
      ctx: { min_length: 3 },
    })
    expect(await first('s=abcdef')).toMatchObject({
      type: 'string_too_long',
      msg: 'String should have at most 5 characters',
      ctx: { max_length: 5 },
    })
    expect(await first('s=ab1')).toEqual({
      type: 'string_pattern_mismatch',
      loc: ['query', 's'],
      msg: "String should match pattern '^[a-z]+$'",
      input: 'ab1',
      ctx: { pattern: '^[a-z]+$' },
    })
  })

  test('literals and enums list what they expect', async () => {
    expect(await first('l=d')).toEqual({
      type: 'literal_error',
      loc: ['query', 'l'],
      msg: "Input should be 'a', 'b' or 'c'",
      input: 'd',
      ctx: { expected: "'a', 'b' or 'c'" },
    })
    expect(await first('one=z')).toMatchObject({
      msg: "Input should be 'x'",
      ctx: { expected: "'x'" },
    })
    expect(await first('two=z')).toMatchObject({
      type: 'literal_error',
      msg: "Input should be 'x' or 'y'",
    })
    expect(await first('color=x')).toEqual({
      type: 'enum',
      loc: ['query', 'color'],
      msg: "Input should be 'red', 'green' or 'blue'",
      input: 'x',
      ctx: { expected: "'red', 'green' or 'blue'" },
    })
  })

  test('dates and datetimes that do not parse say why, as speedate does', async () => {
    expect(await first('day=2024-13-01')).toEqual({
      type: 'date_from_datetime_parsing',
      loc: ['query', 'day'],
      msg: 'Input should be a valid date or datetime, month value is outside expected range of 1-12',
      input: '2024-13-01',
      ctx: { error: 'month value is outside expected range of 1-12' },
    })
    expect(await first('day=2024/01/01')).toMatchObject({
      ctx: { error: 'invalid date separator, expected `-`' },
    })
    expect(await first('day=2024-01-01x')).toMatchObject({
      ctx: { error: 'invalid datetime separator, expected `T`, `t`, `_` or space' },
    })
    expect(await first('at=yesterday')).toEqual({
      type: 'datetime_from_date_parsing',
      loc: ['query', 'at'],
      msg: 'Input should be a valid datetime or date, input is too short',
      input: 'yesterday',
      ctx: { error: 'input is too short' },
    })
    expect(await first('at=abcd-01-01')).toMatchObject({
      ctx: { error: 'invalid character in year' },
    })
    expect(await first('at=2024-02-30')).toMatchObject({
      ctx: { error: 'day value is outside expected range' },
    })
    expect(await first('at=2024-01-01x')).toMatchObject({
      ctx: { error: 'unexpected extra characters at the end of the input' },
    })
  })

  test('datetimes read as Pydantic reads them', async () => {
    const at = async (text: string) => (await (await app.request(`/checks?at=${text}`)).json()).at
    expect(await at('2024-01-01T10:00:00')).toBe('2024-01-01T10:00:00.000Z')
    expect(await at('2024-01-01')).toBe('2024-01-01T00:00:00.000Z')
    expect(await at('2024-01-01%2010:00%2B02:00')).toBe('2024-01-01T08:00:00.000Z')
    expect(await at('1700000000')).toBe('2023-11-14T22:13:20.000Z')
  })

  test('list lengths, and items located by index', async () => {
    expect(await first('xs=1')).toEqual({
      type: 'too_short',
      loc: ['query', 'xs'],
      msg: 'List should have at least 2 items after validation, not 1',
      input: ['1'],
      ctx: { field_type: 'List', min_length: 2, actual_length: 1 },
    })
    expect(await first('xs=1&xs=2&xs=3&xs=4')).toMatchObject({
      type: 'too_long',
      msg: 'List should have at most 3 items after validation, not 4',
      ctx: { field_type: 'List', max_length: 3, actual_length: 4 },
    })
    expect(await first('xs=1&xs=a')).toEqual({
      type: 'int_parsing',
      loc: ['query', 'xs', 1],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: 'a',
    })
  })

  test('a repeated key counts by its last value', async () => {
    const res = await app.request('/checks?n=1&n=2')
    expect(await res.json()).toEqual({ n: 2 })
  })
})

describe('UUIDs', () => {
  const app = createApp({
    routes: [
      route.get(
        '/u/:u',
        { params: v.object({ u: v.pipe(v.string(), v.uuid()) }) },
        ({ params }) => params,
      ),
    ],
  })

  test.each([
    ['nope', 'invalid character: found `n` at 1'],
    ['1234', 'invalid length: expected length 32 for simple format, found 4'],
    [
      '12345678-1234-1234-1234-12345678901',
      'invalid group length in group 4: expected 12, found 11',
    ],
    [
      '12345678-1234-1234-1234-1234567890123',
      'invalid group length in group 4: expected 12, found 13',
    ],
    ['12345678-1234-1234-1234', 'invalid group count: expected 5, found 4'],
    ['12345678-1234-1234-1234-12345678901g', 'invalid character: found `g` at 36'],
    ['12345678-1234-1234-12341234567890123', 'invalid group count: expected 5, found 4'],
    [
      '1234567-12345-1234-1234-123456789012',
      'invalid group length in group 0: expected 8, found 7',
    ],
  ])('%s: %s', async (u, error) => {
    expect(await detail(await app.request(`/u/${u}`))).toEqual([
      {
        type: 'uuid_parsing',
        loc: ['path', 'u'],
        msg: `Input should be a valid UUID, ${error}`,
        input: u,
        ctx: { error },
      },
    ])
  })
})

describe('missing inputs', () => {
  const Two = v.object({ a: v.number(), b: v.string() })
  const app = createApp({
    routes: [
      route.get(
        '/need/:id',
        {
          params: v.object({ id: v.pipe(v.number(), v.integer()) }),
          query: v.object({ price: v.pipe(v.number(), v.integer()) }),
          headers: v.object({
            x_token: v.string(),
            x_api_key: v.optional(v.pipe(v.number(), v.integer())),
          }),
          cookies: v.object({ sess: v.pipe(v.number(), v.integer()) }),
        },
        () => 'ok',
      ),
      route.post('/two', { body: Two }, () => 'ok'),
      route.post(
        '/embed',
        { body: v.pipe(v.object({ t: Two, u: Two }), v.metadata({ embed: true })) },
        () => 'ok',
      ),
      route.post(
        '/form',
        { form: v.object({ a: v.string(), b: v.pipe(v.number(), v.integer()) }) },
        () => 'ok',
      ),
      route.post(
        '/form-optional',
        { form: v.object({ a: v.optional(v.string()) }) },
        ({ form }) => form,
      ),
    ],
  })

  test('parameters are missing with input null; a header is named as sent', async () => {
    expect(await detail(await app.request('/need/1'))).toEqual([
      { type: 'missing', loc: ['query', 'price'], msg: 'Field required', input: null },
      { type: 'missing', loc: ['header', 'x-token'], msg: 'Field required', input: null },
      { type: 'missing', loc: ['cookie', 'sess'], msg: 'Field required', input: null },
    ])
  })

  test('a header named like a credential is never echoed, under its wire name either', async () => {
    const res = await app.request('/need/1?price=1', {
      headers: { 'x-token': 't', 'x-api-key': 'hunter22', cookie: 'sess=1' },
    })
    expect(await detail(res)).toEqual([
      {
        type: 'int_parsing',
        loc: ['header', 'x-api-key'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
      },
    ])
  })

  test('a body field is missing with its parent object as input', async () => {
    expect(await detail(await app.request('/two', json({})))).toEqual([
      { type: 'missing', loc: ['body', 'a'], msg: 'Field required', input: {} },
      { type: 'missing', loc: ['body', 'b'], msg: 'Field required', input: {} },
    ])
  })

  test('an absent or null JSON body is one missing body', async () => {
    const missing = [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]
    expect(await detail(await app.request('/two', { method: 'POST' }))).toEqual(missing)
    expect(await detail(await app.request('/two', json(null)))).toEqual(missing)
  })

  test('an absent form reports each required field; a form of optional fields may be absent', async () => {
    expect(await detail(await app.request('/form', { method: 'POST' }))).toEqual([
      { type: 'missing', loc: ['body', 'a'], msg: 'Field required', input: null },
      { type: 'missing', loc: ['body', 'b'], msg: 'Field required', input: null },
    ])
    const optional = await app.request('/form-optional', { method: 'POST' })
    expect(optional.status).toBe(200)
  })

  test('embedded body parameters are each missing, with input null, when the body is not an object', async () => {
    const eachMissing = [
      { type: 'missing', loc: ['body', 't'], msg: 'Field required', input: null },
      { type: 'missing', loc: ['body', 'u'], msg: 'Field required', input: null },
    ]
    expect(await detail(await app.request('/embed', { method: 'POST' }))).toEqual(eachMissing)
    expect(await detail(await app.request('/embed', json({})))).toEqual(eachMissing)
    expect(await detail(await app.request('/embed', json([])))).toEqual(eachMissing)
    // FastAPI reads an embedded field sent as null as an absent one.
    expect(await detail(await app.request('/embed', json({ t: null, u: null })))).toEqual(
      eachMissing,
    )
    expect(await detail(await app.request('/embed', json({ t: { a: 1 } })))).toEqual([
      { type: 'missing', loc: ['body', 't', 'b'], msg: 'Field required', input: { a: 1 } },
      eachMissing[1],
    ])
  })

  test('form fields are converted and echoed as sent', async () => {
    const body = new URLSearchParams({ a: 'x', b: '0x11' })
    expect(await detail(await app.request('/form', { method: 'POST', body }))).toEqual([
      {
        type: 'int_parsing',
        loc: ['body', 'b'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: '0x11',
      },
    ])
  })
})

describe('JSON bodies', () => {
  const Inner = v.object({ a: v.pipe(v.number(), v.integer()), b: v.string() })
  const app = createApp({
    routes: [
      route.post(
        '/item',
        {
          body: v.object({
            name: v.pipe(v.string(), v.minLength(3)),
            price: v.number(),
            tags: v.optional(v.pipe(v.array(v.string()), v.maxLength(2))),
            email: v.optional(v.pipe(v.string(), v.email())),
            url: v.optional(v.pipe(v.string(), v.url())),
            meta: v.optional(v.record(v.string(), v.number())),
          }),
        },
        () => 'ok',
      ),
      route.post(
        '/strict',
        { body: v.strictObject({ a: v.pipe(v.number(), v.integer()) }) },
        () => 'ok',
      ),
      route.post(
        '/nested',
        { body: v.object({ inner: Inner, list: v.optional(v.array(Inner)) }) },
        () => 'ok',
      ),
      route.post(
        '/checked',
        {
          body: v.object({
            a: v.pipe(
              v.string(),
              v.check((a) => a === 'ok', 'must be ok'),
            ),
          }),
        },
        () => 'ok',
      ),
      route.post(
        '/weights',
        { body: v.record(v.pipe(v.string(), v.regex(/^-?\d+$/)), v.number()) },
        ({ body }) => body,
      ),
      route.post(
        '/int-weights',
        { body: v.record(dictKey(v.pipe(v.number(), v.integer())), v.number()) },
        ({ body }) => body,
      ),
      route.post(
        '/float-keys',
        { body: v.record(dictKey(v.number()), v.number()) },
        ({ body }) => body,
      ),
      route.post(
        '/custom',
        { body: v.object({ name: v.pipe(v.string(), v.minLength(3, 'Too short')) }) },
        () => 'ok',
      ),
    ],
  })

  test('every field problem in one answer', async () => {
    const res = await app.request(
      '/item',
      json({
        name: 'ab',
        price: 'abc',
        tags: ['a', 'b', 'c'],
        email: 'nope',
        url: 'nope',
        meta: [],
      }),
    )
    expect(await detail(res)).toEqual([
      {
        type: 'string_too_short',
        loc: ['body', 'name'],
        msg: 'String should have at least 3 characters',
        input: 'ab',
        ctx: { min_length: 3 },
      },
      {
        type: 'float_parsing',
        loc: ['body', 'price'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        input: 'abc',
      },
      {
        type: 'too_long',
        loc: ['body', 'tags'],
        msg: 'List should have at most 2 items after validation, not 3',
        input: ['a', 'b', 'c'],
        ctx: { field_type: 'List', max_length: 2, actual_length: 3 },
      },
      {
        type: 'value_error',
        loc: ['body', 'email'],
        msg: 'value is not a valid email address: An email address must have an @-sign.',
        input: 'nope',
        ctx: { reason: 'An email address must have an @-sign.' },
      },
      {
        type: 'url_parsing',
        loc: ['body', 'url'],
        msg: 'Input should be a valid URL, relative URL without a base',
        input: 'nope',
        ctx: { error: 'relative URL without a base' },
      },
      {
        type: 'dict_type',
        loc: ['body', 'meta'],
        msg: 'Input should be a valid dictionary',
        input: [],
      },
    ])
  })

  test('wrong types', async () => {
    expect(await detail(await app.request('/item', json({ name: 1, price: null })))).toEqual([
      {
        type: 'string_type',
        loc: ['body', 'name'],
        msg: 'Input should be a valid string',
        input: 1,
      },
      {
        type: 'float_type',
        loc: ['body', 'price'],
        msg: 'Input should be a valid number',
        input: null,
      },
    ])
    expect(await detail(await app.request('/strict', json({ a: 1.5 })))).toEqual([
      {
        type: 'int_from_float',
        loc: ['body', 'a'],
        msg: 'Input should be a valid integer, got a number with a fractional part',
        input: 1.5,
      },
    ])
    expect(await detail(await app.request('/strict', json({ a: [1] })))).toEqual([
      { type: 'int_type', loc: ['body', 'a'], msg: 'Input should be a valid integer', input: [1] },
    ])
  })

  test('an integer a JS number cannot hold exactly never reaches the handler', async () => {
    expect(await detail(await app.request('/strict', raw('{"a": 9007199254740993}')))).toEqual([
      {
        type: 'int_parsing_size',
        loc: ['body', 'a'],
        msg: 'Unable to parse input string as an integer, exceeded maximum size',
        input: 9007199254740992,
      },
    ])
    const ok = await app.request('/strict', json({ a: 9007199254740991 }))
    expect(ok.status).toBe(200)
  })

  test('an extra key in a strict object echoes its value', async () => {
    expect(await detail(await app.request('/strict', json({ a: 1, b: 2 })))).toEqual([
      {
        type: 'extra_forbidden',
        loc: ['body', 'b'],
        msg: 'Extra inputs are not permitted',
        input: 2,
      },
    ])
  })

  test('an array, string or number is never an object, at any depth', async () => {
    const notObject = (loc: unknown[], input: unknown) => ({
      type: 'model_attributes_type',
      loc,
      msg: 'Input should be a valid dictionary or object to extract fields from',
      input,
    })
    for (const body of [[], 'x', 3, [{ inner: 1 }]]) {
      expect(await detail(await app.request('/nested', json(body)))).toEqual([
        notObject(['body'], body),
      ])
    }
    expect(await detail(await app.request('/nested', json({ inner: [] })))).toEqual([
      notObject(['body', 'inner'], []),
    ])
    expect(await detail(await app.request('/nested', json({ inner: null })))).toEqual([
      notObject(['body', 'inner'], null),
    ])
    const list = { inner: { a: 1, b: 'x' }, list: [{ a: 1, b: 'x' }, []] }
    expect(await detail(await app.request('/nested', json(list)))).toEqual([
      notObject(['body', 'list', 1], []),
    ])
  })

  test('a rejected dict key is located under the key, then [key]', async () => {
    const res = await app.request('/weights', json({ foo: 2.2, '3': 3.3 }))
    expect(await detail(res)).toEqual([
      {
        type: 'string_pattern_mismatch',
        loc: ['body', 'foo', '[key]'],
        msg: "String should match pattern '^-?\\d+$'",
        input: 'foo',
        ctx: { pattern: '^-?\\d+$' },
      },
    ])
  })

  // FastAPI 0.142 with `dict[int, float]` and `dict[float, float]`.
  test('typed dict keys are read from their string form, as Pydantic reads them', async () => {
    const res = await app.request('/int-weights', json({ '2': 2.2, ' 7 ': 1, '1_0': 1, '1.0': 2 }))
    expect(await res.json()).toEqual({ '1': 2, '2': 2.2, '7': 1, '10': 1 })
    expect(await detail(await app.request('/int-weights', json({ foo: 2.2, '3': 3.3 })))).toEqual([
      {
        type: 'int_parsing',
        loc: ['body', 'foo', '[key]'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'foo',
      },
    ])
    expect(await detail(await app.request('/int-weights', json({ '3': 'x' })))).toEqual([
      {
        type: 'float_parsing',
        loc: ['body', '3'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        input: 'x',
      },
    ])
    expect(await detail(await app.request('/int-weights', json({ '1.5': 3 })))).toEqual([
      expect.objectContaining({ type: 'int_parsing', loc: ['body', '1.5', '[key]'], input: '1.5' }),
    ])
    expect(await (await app.request('/float-keys', json({ '1.5': 1, ' 2 ': 4 }))).json()).toEqual({
      '1.5': 1,
      '2': 4,
    })
    expect(await detail(await app.request('/float-keys', json({ x: 3 })))).toEqual([
      {
        type: 'float_parsing',
        loc: ['body', 'x', '[key]'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        input: 'x',
      },
    ])
  })

  test("a custom check reads as Pydantic's value error", async () => {
    expect(await detail(await app.request('/checked', json({ a: 'no' })))).toEqual([
      {
        type: 'value_error',
        loc: ['body', 'a'],
        msg: 'Value error, must be ok',
        input: 'no',
        ctx: { error: {} },
      },
    ])
  })

  test("a message given in the schema wins over Pydantic's", async () => {
    expect(await detail(await app.request('/custom', json({ name: 'ab' })))).toEqual([
      {
        type: 'string_too_short',
        loc: ['body', 'name'],
        msg: 'Too short',
        input: 'ab',
        ctx: { min_length: 3 },
      },
    ])
  })
})

describe('malformed JSON', () => {
  const app = createApp({
    routes: [route.post('/two', { body: v.object({ a: v.number(), b: v.string() }) }, () => 'ok')],
  })

  test.each([
    ['{"a":1,', 7, 'Expecting property name enclosed in double quotes'],
    ['{"password":Secret-Pass}', 12, 'Expecting value'],
    ['nope', 0, 'Expecting value'],
    ['{"a":1}x', 7, 'Extra data'],
    ['{a:1}', 1, 'Expecting property name enclosed in double quotes'],
    ['[1,]', 3, 'Expecting value'],
    ['{"a":"\\x"}', 6, 'Invalid \\escape'],
    ['\n\n  {"a" 1}', 9, "Expecting ':' delimiter"],
    ['   ', 3, 'Expecting value'],
    ['{"a":1,"b":"x"', 14, "Expecting ',' delimiter"],
    ['"abc', 0, 'Unterminated string starting at'],
    ['{"a":1 "b":2}', 7, "Expecting ',' delimiter"],
    ['{"😀":x}', 5, 'Expecting value'],
    ['"a\u0001b"', 2, 'Invalid control character at'],
    ['["a\\u00"]', 4, 'Invalid \\uXXXX escape'],
    ['01', 1, 'Extra data'],
  ])('%j fails at %d: %s', async (body, pos, error) => {
    const res = await app.request('/two', raw(body))
    const text = await res.text()
    expect(JSON.parse(text).detail).toEqual([
      {
        type: 'json_invalid',
        loc: ['body', pos],
        msg: 'JSON decode error',
        input: {},
        ctx: { error },
      },
    ])
    expect(text).not.toContain('Secret')
  })
})
