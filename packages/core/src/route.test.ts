import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, HTTPException, type Logger, respond, route, router } from './index'

const json = (body: unknown, init: RequestInit = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
  ...init,
})

function quietLogger() {
  const logged: unknown[] = []
  const logger: Logger = { error: (message, error) => logged.push({ message, error }) }
  return { logger, logged }
}

describe('string inputs are converted by schema type', () => {
  const echo = route.get(
    '/items/:id',
    {
      params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
      query: v.object({
        limit: v.optional(v.pipe(v.number(), v.integer(), v.maxValue(100)), 10),
        active: v.optional(v.boolean()),
        big: v.optional(v.bigint()),
        since: v.optional(v.date()),
        sort: v.optional(v.picklist(['asc', 'desc'])),
        level: v.optional(v.picklist([1, 2, 3])),
        tag: v.optional(v.array(v.string()), []),
        n: v.optional(v.array(v.number()), []),
      }),
    },
    ({ params, query }) => ({
      id: params.id,
      ...query,
      big: query.big?.toString(),
      since: query.since?.toISOString(),
    }),
  )
  const app = createApp({ routes: [echo] })

  test('numbers, booleans, bigints, dates, picklists and repeated keys', async () => {
    const res = await app.request(
      '/items/7?limit=25&active=yes&big=9007199254740993&since=2024-01-02&sort=asc&level=2&tag=a&tag=b&n=1&n=2',
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      id: 7,
      limit: 25,
      active: true,
      big: '9007199254740993',
      since: '2024-01-02T00:00:00.000Z',
      sort: 'asc',
      level: 2,
      tag: ['a', 'b'],
      n: [1, 2],
    })
  })

  test.each([
    ['true', true],
    ['1', true],
    ['on', true],
    ['YES', true],
    ['false', false],
    ['0', false],
    ['off', false],
    ['no', false],
  ])('boolean %s reads as %s', async (raw, expected) => {
    const res = await app.request(`/items/1?active=${raw}`)
    expect((await res.json()).active).toBe(expected)
  })

  test('defaults apply when a key is absent', async () => {
    const res = await app.request('/items/1')
    expect(await res.json()).toEqual({ id: 1, limit: 10, tag: [], n: [] })
  })

  test('every problem of every source comes back in one 422', async () => {
    const res = await app.request('/items/abc?limit=500&active=maybe&sort=up&n=x')
    expect(res.status).toBe(422)
    const { detail } = await res.json()
    expect(detail.map((issue: { loc: unknown[] }) => issue.loc)).toEqual([
      ['path', 'id'],
      ['query', 'limit'],
      ['query', 'active'],
      ['query', 'sort'],
      ['query', 'n', 0],
    ])
    expect(detail[0]).toEqual({
      type: 'int_parsing',
      loc: ['path', 'id'],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: 'abc',
    })
    expect(detail[1]).toMatchObject({ type: 'less_than_equal', input: '500' })
  })

  test('an empty number is not zero', async () => {
    const res = await app.request('/items/1?limit=')
    expect(res.status).toBe(422)
    expect((await res.json()).detail[0]).toMatchObject({ loc: ['query', 'limit'], input: '' })
  })
})

describe('headers and cookies', () => {
  const app = createApp({
    routes: [
      route.get(
        '/whoami',
        {
          headers: v.object({ x_token: v.string(), 'X-Count': v.optional(v.number()) }),
          cookies: v.object({ session: v.string(), theme: v.optional(v.string(), 'light') }),
        },
        ({ headers, cookies }) => ({ ...headers, ...cookies }),
      ),
    ],
  })

  test('x_token reads x-token, case does not matter, cookies are parsed', async () => {
    const res = await app.request('/whoami', {
      headers: { 'X-TOKEN': 'secret', 'x-count': '3', cookie: 'session=abc; other=1' },
    })
    expect(await res.json()).toEqual({
      x_token: 'secret',
      'X-Count': 3,
      session: 'abc',
      theme: 'light',
    })
  })

  test('missing header and cookie are reported as missing', async () => {
    const res = await app.request('/whoami')
    expect(res.status).toBe(422)
    expect((await res.json()).detail).toEqual([
      { loc: ['header', 'x-token'], msg: 'Field required', type: 'missing', input: null },
      { loc: ['cookie', 'session'], msg: 'Field required', type: 'missing', input: null },
    ])
  })
})

describe('JSON bodies', () => {
  const Item = v.object({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    price: v.pipe(v.number(), v.gtValue(0)),
    tags: v.optional(v.pipe(v.array(v.string()), v.maxLength(10)), []),
  })
  const create = route.post(
    '/items',
    {
      body: Item,
      status: 201,
      response: v.object({ id: v.number(), name: v.string(), price: v.number() }),
    },
    ({ body }) => ({ id: 1, ...body }),
  )
  const strict = route.post(
    '/strict',
    { body: v.strictObject({ a: v.string() }) },
    ({ body }) => body,
  )
  const app = createApp({ routes: [create, strict], bodyLimit: 1024 })

  test('a valid body is validated, answered with the default status and filtered', async () => {
    const res = await app.request('/items', json({ name: 'pen', price: 2, tags: ['x'] }))
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ id: 1, name: 'pen', price: 2 })
  })

  test('extra fields are dropped by an object schema and rejected by a strict one', async () => {
    const loose = await app.request('/items', json({ name: 'pen', price: 2, admin: true }))
    expect(loose.status).toBe(201)
    const res = await app.request('/strict', json({ a: 'x', admin: true }))
    expect(res.status).toBe(422)
    expect((await res.json()).detail).toEqual([
      {
        loc: ['body', 'admin'],
        msg: 'Extra inputs are not permitted',
        type: 'extra_forbidden',
        input: true,
      },
    ])
  })

  test('wrong types and missing fields are all reported', async () => {
    const res = await app.request('/items', json({ price: '2', tags: [1] }))
    expect(res.status).toBe(422)
    const { detail } = await res.json()
    expect(detail).toEqual([
      {
        loc: ['body', 'name'],
        msg: 'Field required',
        type: 'missing',
        input: { price: '2', tags: [1] },
      },
      expect.objectContaining({ loc: ['body', 'price'], type: 'float_type', input: '2' }),
      expect.objectContaining({ loc: ['body', 'tags', 0], type: 'string_type', input: 1 }),
    ])
  })

  test('malformed JSON is a json_invalid issue', async () => {
    const res = await app.request('/items', { ...json(null), body: '{"name": "pen",' })
    expect(res.status).toBe(422)
    const { detail } = await res.json()
    expect(detail).toEqual([
      {
        loc: ['body', 15],
        msg: 'JSON decode error',
        type: 'json_invalid',
        input: {},
        ctx: { error: 'Expecting property name enclosed in double quotes' },
      },
    ])
  })

  test('an empty body where one is required is missing', async () => {
    const res = await app.request('/items', { method: 'POST' })
    expect(res.status).toBe(422)
    expect(await res.json()).toEqual({
      detail: [{ loc: ['body'], msg: 'Field required', type: 'missing', input: null }],
    })
  })

  test('a body of another content type is 415', async () => {
    const res = await app.request('/items', {
      method: 'POST',
      body: 'name=pen',
      headers: { 'content-type': 'text/plain' },
    })
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({
      detail: 'Unsupported Media Type: expected application/json',
    })
  })

  test('a vendor +json content type is JSON', async () => {
    const res = await app.request(
      '/items',
      json(
        { name: 'pen', price: 1 },
        { headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' } },
      ),
    )
    expect(res.status).toBe(201)
  })

  test('an oversized body is 413, with or without content-length', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2000), price: 1 })
    const res = await app.request('/items', { ...json(null), body: big })
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ detail: 'Content Too Large' })
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big))
        controller.close()
      },
    })
    const chunked = await app.request('/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
  })

  test('a Content-Length that is not a number is a 400, never trusted', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2000), price: 1 })
    const res = await app.request('/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 'many' },
      body: big,
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ detail: 'Bad Request' })
  })

  test('a body of unknown length within the limit reaches the handler', async () => {
    const body = JSON.stringify({ name: 'Pen', price: 2 })
    const res = await app.request('/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ name: 'Pen', price: 2 })
  })

  test('a route can raise its own body limit', async () => {
    const upload = route.post(
      '/big',
      { body: v.object({ data: v.string() }), bodyLimit: 10_000 },
      () => 'ok',
    )
    const big = createApp({ routes: [upload], bodyLimit: 100 })
    const res = await big.request('/big', json({ data: 'x'.repeat(5000) }))
    expect(res.status).toBe(200)
  })

  test("a route that reads its raw body (rawBody) is held to the app's limit too", async () => {
    const proxy = route.post('/raw', { rawBody: true }, async ({ c }) => {
      return (await c.req.raw.text()).length
    })
    const app = createApp({ routes: [proxy], bodyLimit: 100 })
    const small = await app.request('/raw', { method: 'POST', body: 'x'.repeat(50) })
    expect(await small.json()).toBe(50)
    const large = await app.request('/raw', { method: 'POST', body: 'x'.repeat(500) })
    expect(large.status).toBe(413)
  })
})

describe('forms', () => {
  const profile = route.post(
    '/profile',
    {
      form: v.object({
        name: v.string(),
        age: v.pipe(v.number(), v.integer()),
        newsletter: v.optional(v.boolean(), false),
        colors: v.optional(v.array(v.string()), []),
        avatar: v.optional(v.pipe(v.file(), v.mimeType(['image/png']), v.maxSize(1024))),
      }),
    },
    async ({ form }) => ({
      name: form.name,
      age: form.age,
      newsletter: form.newsletter,
      colors: form.colors,
      avatar: form.avatar
        ? { name: form.avatar.name, size: form.avatar.size, text: await form.avatar.text() }
        : null,
    }),
  )
  const app = createApp({ routes: [profile] })

  test('urlencoded fields are converted and repeated keys fill arrays', async () => {
    const res = await app.request('/profile', {
      method: 'POST',
      body: new URLSearchParams([
        ['name', 'Ada'],
        ['age', '36'],
        ['newsletter', 'on'],
        ['colors', 'red'],
        ['colors', 'blue'],
      ]),
    })
    expect(await res.json()).toEqual({
      name: 'Ada',
      age: 36,
      newsletter: true,
      colors: ['red', 'blue'],
      avatar: null,
    })
  })

  test('an empty value is an absent one, as FastAPI reads forms: the default, or missing', async () => {
    const res = await app.request('/profile', {
      method: 'POST',
      body: new URLSearchParams({ name: 'Ada', age: '36', newsletter: '' }),
    })
    expect(await res.json()).toMatchObject({ newsletter: false })
    const bad = await app.request('/profile', {
      method: 'POST',
      body: new URLSearchParams({ name: '', age: '36' }),
    })
    expect((await bad.json()).detail).toEqual([
      { type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: null },
    ])
  })

  test('multipart uploads arrive as files and are validated', async () => {
    const form = new FormData()
    form.set('name', 'Ada')
    form.set('age', '36')
    form.set('avatar', new File(['png!'], 'me.png', { type: 'image/png' }))
    const res = await app.request('/profile', { method: 'POST', body: form })
    expect(await res.json()).toMatchObject({ avatar: { name: 'me.png', size: 4, text: 'png!' } })

    const wrong = new FormData()
    wrong.set('name', 'Ada')
    wrong.set('age', 'old')
    wrong.set('avatar', new File(['gif'], 'me.gif', { type: 'image/gif' }))
    const bad = await app.request('/profile', { method: 'POST', body: wrong })
    expect(bad.status).toBe(422)
    const { detail } = await bad.json()
    expect(detail.map((issue: { loc: unknown[] }) => issue.loc)).toEqual([
      ['body', 'age'],
      ['body', 'avatar'],
    ])
    expect(detail[1]).not.toHaveProperty('input')
  })

  test('JSON sent to a form route is 415', async () => {
    const res = await app.request('/profile', json({ name: 'Ada', age: 1 }))
    expect(res.status).toBe(415)
  })

  test('a broken multipart body is 400', async () => {
    const res = await app.request('/profile', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--nope\r\ngarbage',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ detail: 'There was an error parsing the body' })
  })

  test('a form in v.optional() may be absent: the handler gets undefined', async () => {
    const search = createApp({
      routes: [
        route.post(
          '/search',
          { form: v.optional(v.object({ q: v.string(), page: v.optional(v.number(), 1) })) },
          ({ form }) => form ?? 'no form',
        ),
      ],
    })
    expect(await (await search.request('/search', { method: 'POST' })).json()).toBe('no form')
    const sent = await search.request('/search', {
      method: 'POST',
      body: new URLSearchParams({ q: 'towel', page: '2' }),
    })
    expect(await sent.json()).toEqual({ q: 'towel', page: 2 })
    const empty = await search.request('/search', { method: 'POST', body: new URLSearchParams() })
    expect(empty.status).toBe(422)
    expect(search.openapi().paths['/search']?.post?.requestBody?.required).toBe(false)
  })
})

describe('responses', () => {
  const User = v.object({ id: v.number(), email: v.string() })
  const routes = [
    route.get('/user', { response: User }, () => ({
      id: 1,
      email: 'a@b.c',
      passwordHash: 'secret',
    })),
    route.get('/users', { response: v.array(User) }, () => [
      { id: 1, email: 'a@b.c', passwordHash: 'secret' },
    ]),
    route.post(
      '/users',
      {
        body: v.object({ email: v.string() }),
        responses: { 201: User, 409: v.object({ detail: v.string() }) },
      },
      ({ body }) =>
        body.email === 'taken@b.c'
          ? respond(409, { detail: 'taken' })
          : respond(201, { id: 2, email: body.email, passwordHash: 'x' }, { location: '/users/2' }),
    ),
    route.delete('/user', { status: 204 }, () => {}),
    route.get('/raw', {}, ({ c }) => c.text('plain', 202)),
    route.get(
      '/broken',
      { response: User },
      () => ({ id: 'one' }) as unknown as { id: number; email: string },
    ),
    route.get('/unchecked', { response: User, validateResponse: false }, () => ({
      id: 'one' as unknown as number,
      email: 'a@b.c',
      passwordHash: 'x',
    })),
    route.get('/none', {}, () => undefined),
  ]
  const { logger, logged } = quietLogger()
  const app = createApp({ routes, logger })

  test('undeclared fields never leave, at any depth', async () => {
    expect(await (await app.request('/user')).json()).toEqual({ id: 1, email: 'a@b.c' })
    expect(await (await app.request('/users')).json()).toEqual([{ id: 1, email: 'a@b.c' }])
  })

  test('respond() picks status, body schema and headers', async () => {
    const created = await app.request('/users', json({ email: 'n@b.c' }))
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('/users/2')
    expect(await created.json()).toEqual({ id: 2, email: 'n@b.c' })
    const conflict = await app.request('/users', json({ email: 'taken@b.c' }))
    expect(conflict.status).toBe(409)
    expect(await conflict.json()).toEqual({ detail: 'taken' })
  })

  test('204 sends no body; a raw Response passes through', async () => {
    const res = await app.request('/user', { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    const raw = await app.request('/raw')
    expect(raw.status).toBe(202)
    expect(await raw.text()).toBe('plain')
  })

  test('a response that fails its schema is a logged 500 that reveals nothing', async () => {
    const res = await app.request('/broken')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ detail: 'Internal Server Error' })
    expect(logged).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('Response validation failed') }),
    )
  })

  test('a value Pydantic’s lax mode would convert is converted, as FastAPI serialises it', async () => {
    const Price = v.object({
      price: v.number(),
      count: v.pipe(v.number(), v.integer()),
      sale: v.boolean(),
    })
    const returned = { price: '1.0', count: '3', sale: 'yes' }
    const lax = createApp({
      routes: [route.get('/price', { response: Price }, () => returned as never)],
    })
    const res = await lax.request('/price')
    expect(await res.json()).toEqual({ price: 1, count: 3, sale: true })
    expect(returned).toEqual({ price: '1.0', count: '3', sale: 'yes' })
  })

  test('with validation off the response is still stripped', async () => {
    expect(await (await app.request('/unchecked')).json()).toEqual({ id: 'one', email: 'a@b.c' })
  })

  test('undefined without a schema is null', async () => {
    expect(await (await app.request('/none')).json()).toBeNull()
  })

  test('HEAD of a GET route answers without a body', async () => {
    const res = await app.request('/user', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })

  test('HTTPException headers reach the client', async () => {
    const guarded = route.get('/guarded', {}, () => {
      throw new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': 'Bearer' })
    })
    const res = await createApp({ routes: [guarded] }).request('/guarded')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
    expect(await res.json()).toEqual({ detail: 'Not authenticated' })
  })
})

describe('definition-time checks', () => {
  const untyped = route.get as (path: string, definition: object, handler: () => unknown) => unknown

  test('a path parameter must be declared, and a declared one must be in the mounted path', () => {
    expect(() => untyped('/items/:id', {}, () => null)).toThrow(
      /path parameter\(s\) id not declared/,
    )
    const items = route.get('/items', { params: v.object({ id: v.number() }) }, () => null)
    expect(() => createApp({ routes: [items] })).toThrow(
      /Route \/items: params id declared but not in the path/,
    )
  })

  test('a router prefix may hold a path parameter the routes below declare, as in FastAPI', async () => {
    const items = route.get(
      '/items/:id',
      { params: v.object({ tenant: v.string(), id: v.number() }) },
      ({ params }) => params,
    )
    const app = createApp({ routes: [router({ prefix: '/:tenant' }, [items])] })
    expect(await (await app.request('/acme/items/3')).json()).toEqual({ tenant: 'acme', id: 3 })
    const bad = await app.request('/acme/items/x')
    expect((await bad.json()).detail[0]).toMatchObject({
      type: 'float_parsing',
      loc: ['path', 'id'],
    })
  })

  test('body and form exclude each other', () => {
    expect(() => route.post('/x', { body: v.object({}), form: v.object({}) }, () => null)).toThrow(
      /both body and form/,
    )
  })

  test('routers nest prefixes', async () => {
    const ping = route.get('/ping', {}, () => 'pong')
    const app = createApp({
      routes: [router({ prefix: '/api' }, [router({ prefix: '/v1/' }, [ping])])],
    })
    expect(await (await app.request('/api/v1/ping')).json()).toBe('pong')
  })
})

describe('credentials in validation errors', () => {
  test('a rejected password, token or secret is never echoed', async () => {
    const app = createApp({
      routes: [
        route.post(
          '/signup',
          {
            body: v.object({
              email: v.pipe(v.string(), v.email()),
              password: v.pipe(v.string(), v.minLength(8)),
              api_key: v.string(),
            }),
          },
          () => 'ok',
        ),
      ],
    })
    const res = await app.request(
      '/signup',
      json({ email: 'nope', password: 'hunter2', api_key: 42 }),
    )
    expect(res.status).toBe(422)
    const text = await res.text()
    expect(text).not.toContain('hunter2')
    expect(JSON.parse(text).detail).toEqual([
      expect.objectContaining({ loc: ['body', 'email'], input: 'nope' }),
      {
        loc: ['body', 'password'],
        msg: 'String should have at least 8 characters',
        type: 'string_too_short',
        ctx: { min_length: 8 },
      },
      { loc: ['body', 'api_key'], msg: 'Input should be a valid string', type: 'string_type' },
    ])
  })

  test('nor is an object that holds one, when a check on the whole object fails', async () => {
    const Change = v.pipe(
      v.object({ password: v.string(), confirm: v.string() }),
      v.check((input) => input.password === input.confirm, 'Passwords do not match'),
    )
    const app = createApp({ routes: [route.post('/change', { body: Change }, () => 'ok')] })
    const res = await app.request('/change', json({ password: 'hunter22', confirm: 'hunter23' }))
    const text = await res.text()
    expect(text).not.toContain('hunter2')
    expect(JSON.parse(text).detail).toEqual([
      {
        loc: ['body'],
        msg: 'Value error, Passwords do not match',
        type: 'value_error',
        ctx: { error: {} },
      },
    ])
  })
})
