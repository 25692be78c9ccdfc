import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, route } from '../index'
import { MAX_JSON_DEPTH } from './inputs'

// Each behaviour below was checked against FastAPI 0.142 with the equivalent declaration.

describe('integers from the path follow Pydantic', () => {
  const app = createApp({
    routes: [
      route.get(
        '/todos/:id',
        { params: v.object({ id: v.pipe(v.number(), v.integer()) }) },
        ({ params }) => params,
      ),
    ],
  })

  test.each([
    ['17', 17],
    ['%2017%20', 17],
    ['017', 17],
    ['+17', 17],
    ['1_000', 1000],
    ['1.0', 1],
  ])('%s reads %d', async (id, value) => {
    const res = await app.request(`/todos/${id}`)
    expect(await res.json()).toEqual({ id: value })
  })

  test.each(['0x11', '17e0', '1e3', '1.5', 'Infinity'])('%s is not an integer', async (id) => {
    const res = await app.request(`/todos/${id}`)
    expect(res.status).toBe(422)
    expect((await res.json()).detail).toEqual([
      {
        type: 'int_parsing',
        loc: ['path', 'id'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: id,
      },
    ])
  })

  test('an integer a JS number cannot hold exactly never reaches the handler', async () => {
    const res = await app.request('/todos/9007199254740993')
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0]).toMatchObject({ type: 'int_parsing_size' })
  })
})

describe('wire names', () => {
  const app = createApp({
    routes: [
      route.get(
        '/items',
        {
          query: v.object({
            q: v.optional(v.pipe(v.string(), v.metadata({ alias: 'item-query' }))),
          }),
          headers: v.object({
            h: v.optional(v.pipe(v.string(), v.metadata({ alias: 'X-Custom_H' }))),
            h_2: v.optional(v.pipe(v.string(), v.metadata({ convertUnderscores: false }))),
            x_token: v.optional(v.array(v.string())),
          }),
          cookies: v.object({
            sess: v.optional(v.pipe(v.string(), v.metadata({ alias: 'session-id' }))),
          }),
        },
        ({ query, headers, cookies }) => ({ ...query, ...headers, ...cookies }),
      ),
      route.get(
        '/raw-headers',
        {
          headers: v.pipe(
            v.object({ x_id: v.pipe(v.number(), v.integer()) }),
            v.metadata({ convertUnderscores: false }),
          ),
        },
        ({ headers }) => headers,
      ),
      route.post(
        '/form',
        { form: v.object({ name: v.pipe(v.string(), v.metadata({ alias: 'full-name' })) }) },
        ({ form }) => form,
      ),
    ],
  })

  test('an alias names a query parameter, header and cookie on the wire', async () => {
    const res = await app.request('/items?item-query=1&q=2', {
      headers: { 'x-custom_h': 'h', h_2: 'two', 'h-2': 'no', cookie: 'session-id=s; sess=no' },
    })
    expect(await res.json()).toEqual({ q: '1', h: 'h', h_2: 'two', sess: 's' })
  })

  test('a repeated header fills an array field with each value', async () => {
    const headers = new Headers()
    headers.append('x-token', 'a')
    headers.append('x-token', 'b')
    const res = await app.request('/items', { headers })
    expect(await res.json()).toEqual({ x_token: ['a', 'b'] })
  })

  test('convertUnderscores on the object schema applies to every header, and loc names it', async () => {
    const ok = await app.request('/raw-headers', { headers: { x_id: '7' } })
    expect(await ok.json()).toEqual({ x_id: 7 })
    const res = await app.request('/raw-headers', { headers: { 'x-id': '7' } })
    expect((await res.json()).detail).toEqual([
      { type: 'missing', loc: ['header', 'x_id'], msg: 'Field required', input: null },
    ])
  })

  test('a form field is read, and reported, by its alias', async () => {
    const ok = await app.request('/form', {
      method: 'POST',
      body: new URLSearchParams({ 'full-name': 'Ada' }),
    })
    expect(await ok.json()).toEqual({ name: 'Ada' })
    const res = await app.request('/form', {
      method: 'POST',
      body: new URLSearchParams({ name: 'Ada' }),
    })
    expect((await res.json()).detail).toEqual([
      { type: 'missing', loc: ['body', 'full-name'], msg: 'Field required', input: null },
    ])
  })

  test('the OpenAPI parameters carry the wire names', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>
    }
    const names = doc.paths['/items']?.get.parameters.map(({ name, in: where }) => [where, name])
    expect(names).toEqual([
      ['query', 'item-query'],
      ['header', 'X-Custom_H'],
      ['header', 'h_2'],
      ['header', 'x-token'],
      ['cookie', 'session-id'],
    ])
  })
})

describe('query objects', () => {
  const app = createApp({
    routes: [
      route.get(
        '/strict',
        {
          query: v.strictObject({
            a: v.optional(v.pipe(v.number(), v.integer()), 0),
            n: v.optional(v.picklist([1, 2]), 1),
          }),
        },
        ({ query }) => query,
      ),
    ],
  })

  test('an undeclared key in a strict query object is echoed as sent', async () => {
    const res = await app.request('/strict?a=1&b=2')
    expect((await res.json()).detail).toEqual([
      {
        type: 'extra_forbidden',
        loc: ['query', 'b'],
        msg: 'Extra inputs are not permitted',
        input: '2',
      },
    ])
  })

  test('a numeric picklist lists what it expects, and echoes the value as sent', async () => {
    const res = await app.request('/strict?n=3')
    expect((await res.json()).detail).toEqual([
      {
        type: 'literal_error',
        loc: ['query', 'n'],
        msg: 'Input should be 1 or 2',
        input: '3',
        ctx: { expected: '1 or 2' },
      },
    ])
  })
})

describe('deeply nested JSON bodies', () => {
  const logged: unknown[] = []
  const app = createApp({
    routes: [
      route.post('/items', { body: v.object({ title: v.string() }) }, () => 'never'),
      route.post('/tags', { body: v.object({ tags: v.array(v.unknown()) }) }, ({ body }) => body),
    ],
    logger: { error: (_, error) => logged.push(error) },
  })
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
  const post = (path: string, body: string) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

  test('deeper than MAX_JSON_DEPTH is a 400, as FastAPI answers what Python cannot decode, never a 500', async () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 5000, 100_000]) {
      for (const [path, body] of [
        ['/items', nested(depth)],
        ['/items', `{"title": ${nested(depth)}}`],
        ['/tags', `{"tags": ${nested(depth)}}`],
      ] as const) {
        const res = await post(path, body)
        expect([res.status, await res.json()]).toEqual([
          400,
          { detail: 'There was an error parsing the body' },
        ])
      }
    }
    expect(logged).toEqual([])
  })

  test('up to the limit it is read and validated as usual, brackets inside strings not counted', async () => {
    const deep = await post('/items', `{"title": ${nested(MAX_JSON_DEPTH - 1)}}`)
    expect(deep.status).toBe(422)
    expect((await deep.json()).detail[0].type).toBe('string_type')
    const kept = await post('/tags', JSON.stringify({ tags: ['['.repeat(5000)] }))
    expect(kept.status).toBe(200)
    expect(logged).toEqual([])
  })
})

describe('the text of a JSON body', () => {
  const app = createApp({
    routes: [route.post('/items', { body: v.object({ title: v.string() }) }, ({ body }) => body)],
  })
  const post = (body: BodyInit) =>
    app.request('/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  const bytes = (...parts: (string | number[])[]) =>
    new Uint8Array(
      parts.flatMap((part) =>
        typeof part === 'string' ? [...new TextEncoder().encode(part)] : part,
      ),
    )

  test('bytes that are not UTF-8 are a 400, as FastAPI answers, not read as U+FFFD', async () => {
    const res = await post(bytes('{"title": "', [0xff], '"}'))
    expect([res.status, await res.json()]).toEqual([
      400,
      { detail: 'There was an error parsing the body' },
    ])
  })

  test('an escaped NUL is a character like any other, as in FastAPI; a raw one is malformed JSON', async () => {
    expect(await (await post('{"title": "a\\u0000b"}')).json()).toEqual({ title: 'a\u0000b' })
    const raw = await post('{"title": "a\u0000b"}')
    expect([raw.status, (await raw.json()).detail[0]]).toEqual([
      422,
      {
        type: 'json_invalid',
        loc: ['body', 12],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: 'Invalid control character at' },
      },
    ])
  })

  test('a byte order mark is skipped, as Python skips it', async () => {
    const res = await post(bytes([0xef, 0xbb, 0xbf], '{"title": "bom"}'))
    expect([res.status, await res.json()]).toEqual([200, { title: 'bom' }])
  })
})

describe('parameter models (FastAPI’s `Annotated[Model, Header()]` …)', () => {
  const model = <
    S extends
      | v.ObjectSchema<v.ObjectEntries, undefined>
      | v.StrictObjectSchema<v.ObjectEntries, undefined>
      | v.LooseObjectSchema<v.ObjectEntries, undefined>,
  >(
    schema: S,
  ) => v.pipe(schema, v.metadata({ model: true }))
  const Int = v.pipe(v.number(), v.integer())
  const app = createApp({
    routes: [
      route.get(
        '/h',
        {
          headers: model(
            v.strictObject({
              x_user_id: Int,
              limit: v.optional(Int, 10),
              tags: v.optional(v.array(v.string()), () => []),
            }),
          ),
        },
        ({ headers }) => headers,
      ),
      route.get(
        '/q',
        { query: model(v.looseObject({ q: v.string(), limit: v.optional(Int, 10) })) },
        ({ query }) => query,
      ),
      route.get(
        '/c',
        { cookies: model(v.strictObject({ session: v.string() })) },
        ({ cookies }) => cookies,
      ),
      ...(['query', 'headers', 'cookies'] as const).map((source) =>
        route.get(
          `/aliased-${source}`,
          {
            [source]: model(v.object({ p: v.pipe(v.string(), v.metadata({ alias: 'p_alias' })) })),
          },
          (inputs) => inputs,
        ),
      ),
      route.post(
        '/aliased-form',
        { form: model(v.object({ p: v.pipe(v.string(), v.metadata({ alias: 'p_alias' })) })) },
        ({ form }) => form,
      ),
    ],
  })
  const detail = async (path: string, init?: RequestInit) =>
    (await (await app.request(path, init)).json()).detail

  test('a missing field echoes the whole input, defaults included, located by field name', async () => {
    expect(await detail('/h', { headers: { tool: 'x' } })).toEqual([
      {
        type: 'missing',
        loc: ['header', 'x_user_id'],
        msg: 'Field required',
        input: { limit: 10, tags: [], tool: 'x' },
      },
      {
        type: 'extra_forbidden',
        loc: ['header', 'tool'],
        msg: 'Extra inputs are not permitted',
        input: 'x',
      },
    ])
    expect(await detail('/h', { headers: { 'x-user-id': 'abc' } })).toEqual([
      {
        type: 'int_parsing',
        loc: ['header', 'x_user_id'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'abc',
      },
    ])
    expect(await (await app.request('/h', { headers: { 'x-user-id': '3' } })).json()).toEqual({
      x_user_id: 3,
      limit: 10,
      tags: [],
    })
  })

  test('a loose model keeps other keys, repeated ones as lists', async () => {
    expect(await (await app.request('/q?q=a&x=1&x=2&y=3')).json()).toEqual({
      q: 'a',
      limit: 10,
      x: ['1', '2'],
      y: '3',
    })
    expect(await detail('/q?limit=5&x=1&x=2')).toEqual([
      {
        type: 'missing',
        loc: ['query', 'q'],
        msg: 'Field required',
        input: { limit: '5', x: ['1', '2'] },
      },
    ])
  })

  // FastAPI 0.142 with `p: str = Field(alias="p_alias")` in a Query/Header/Cookie/Form model.
  test('a field with an alias is read, and located, by its alias only', async () => {
    const missing = (loc: string[]) => [expect.objectContaining({ type: 'missing', loc })]
    const form = (body: Record<string, string>) => ({
      method: 'POST',
      body: new URLSearchParams(body),
    })
    expect(await detail('/aliased-query?p=hello')).toEqual(missing(['query', 'p_alias']))
    expect(await detail('/aliased-headers', { headers: { p: 'hello' } })).toEqual(
      missing(['header', 'p_alias']),
    )
    expect(await detail('/aliased-cookies', { headers: { cookie: 'p=hello' } })).toEqual(
      missing(['cookie', 'p_alias']),
    )
    expect(await detail('/aliased-form', form({ p: 'hello' }))).toEqual(
      missing(['body', 'p_alias']),
    )
    expect(await (await app.request('/aliased-query?p_alias=hello')).json()).toMatchObject({
      query: { p: 'hello' },
    })
    expect(await (await app.request('/aliased-form', form({ p_alias: 'hello' }))).json()).toEqual({
      p: 'hello',
    })
  })

  test('a strict cookie model refuses other cookies', async () => {
    expect(await detail('/c', { headers: { cookie: 'a=1' } })).toEqual([
      { type: 'missing', loc: ['cookie', 'session'], msg: 'Field required', input: { a: '1' } },
      {
        type: 'extra_forbidden',
        loc: ['cookie', 'a'],
        msg: 'Extra inputs are not permitted',
        input: '1',
      },
    ])
  })
})
