/*
 * One black-box suite for the todo API, run against each runtime's entry over
 * real HTTP: the same requests and the same expected answers everywhere, so a
 * difference between Node, workerd, Bun and Deno fails here.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

/** A running todo API and how to stop it. */
export interface TodoApiServer {
  /** Its base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** Stops it and removes its data; rejects if it did not stop cleanly. */
  stop(): Promise<void>
}

/**
 * How long a runtime may take to start: generous, for a cold start on a busy
 * machine (workerd's includes the wrangler build).
 */
const START_TIMEOUT = 90_000

const PASSWORD = 'correct-horse-42'

interface Tokens {
  readonly access_token: string
  readonly refresh_token: string
}

/**
 * Defines the suite for `runtime`: `start` is called once before the tests,
 * and the server it returns is stopped after them, whatever happened.
 *
 * @example
 * ```ts
 * todoApiSuite('Bun', () => startServer(installedBinary('bun', 'bin/bun.exe'), ['src/bun.ts']))
 * ```
 */
/** How the app on a runtime differs. */
export interface SuiteOptions {
  /**
   * Where the docs pages' files come from: `'app'` where the runtime reads the
   * installed packages (Node, Bun, Deno), `'cdn'` where it cannot (Workers).
   */
  readonly docsFiles?: 'app' | 'cdn'
}

export function todoApiSuite(
  runtime: string,
  start: () => Promise<TodoApiServer>,
  { docsFiles = 'app' }: SuiteOptions = {},
) {
  describe.sequential(`the todo API on ${runtime}`, () => {
    let server: TodoApiServer | undefined
    let alice: Tokens
    let bob: Tokens
    let todoUrl: string

    beforeAll(async () => {
      const started = performance.now()
      server = await start()
      console.info(`${runtime}: listening at ${server.url} after ${msSince(started)} ms`)
    }, START_TIMEOUT)

    afterAll(() => server?.stop())

    /** `fetch` on the server, with a JSON body and a bearer token when given. */
    const call = (method: string, path: string, body?: unknown, token?: string) =>
      fetch(`${server!.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    const login = (email: string, password = PASSWORD) =>
      fetch(`${server!.url}/auth/token`, {
        method: 'POST',
        body: new URLSearchParams({ username: email, password }),
      })
    const signUp = async (email: string): Promise<Tokens> => {
      expect((await call('POST', '/auth/register', { email, password: PASSWORD })).status).toBe(201)
      const res = await login(email)
      expect(res.status).toBe(200)
      return res.json()
    }

    test('GET /health and /ready answer', async () => {
      const health = await call('GET', '/health')
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok' })
      const ready = await call('GET', '/ready')
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({ status: 'ready' })
    })

    test('registers a user: 201, and no password in the answer', async () => {
      const res = await call('POST', '/auth/register', {
        email: ' Alice@Example.com ',
        password: PASSWORD,
        full_name: 'Alice',
      })
      expect(res.status).toBe(201)
      const text = await res.text()
      expect(JSON.parse(text)).toEqual({
        id: expect.any(Number),
        email: 'alice@example.com',
        full_name: 'Alice',
        created_at: expect.any(String),
      })
      expect(text).not.toContain(PASSWORD)
    })

    test('answers 409 for an email already registered', async () => {
      const res = await call('POST', '/auth/register', {
        email: 'alice@example.com',
        password: PASSWORD,
      })
      expect(res.status).toBe(409)
      expect(await res.json()).toEqual({ detail: 'Email already registered' })
    })

    test('logs in with the OAuth2 password form: 200 and a bearer token', async () => {
      const res = await login('alice@example.com')
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      alice = await res.json()
      expect(alice).toEqual({
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'bearer',
        expires_in: 900,
        refresh_token: expect.any(String),
      })
    })

    test('answers a wrong password with 401 and WWW-Authenticate', async () => {
      const res = await login('alice@example.com', 'wrong-password-1')
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer')
      expect(await res.json()).toEqual({ detail: 'Incorrect email or password' })
    })

    test('GET /users/me answers the token’s user', async () => {
      const res = await call('GET', '/users/me', undefined, alice.access_token)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ email: 'alice@example.com', full_name: 'Alice' })
    })

    test('creates a todo: 201 with its Location', async () => {
      const res = await call(
        'POST',
        '/todos',
        { title: 'Ship it', priority: 2 },
        alice.access_token,
      )
      expect(res.status).toBe(201)
      const location = res.headers.get('location')
      expect(location).toMatch(/^\/todos\/\d+$/)
      todoUrl = location!
      expect(await res.json()).toEqual({
        id: Number(todoUrl.split('/').pop()),
        title: 'Ship it',
        description: null,
        completed: false,
        priority: 2,
        due_date: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      })
    })

    test('lists the todos with their total', async () => {
      const res = await call('GET', '/todos', undefined, alice.access_token)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({
        items: [{ title: 'Ship it' }],
        total: 1,
        skip: 0,
        limit: 20,
      })
    })

    test('reads the todo at its Location', async () => {
      const res = await call('GET', todoUrl, undefined, alice.access_token)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ title: 'Ship it', priority: 2 })
    })

    test('answers 304 to a client whose copy of the todo is current, with the ETag of its body', async () => {
      const headers = { authorization: `Bearer ${alice.access_token}` }
      const res = await fetch(`${server!.url}${todoUrl}`, { headers })
      const body = new Uint8Array(await res.arrayBuffer())
      // The same SHA-1 on every runtime, whichever hashes it (node:crypto or WebCrypto).
      const sha1 = new Uint8Array(await crypto.subtle.digest('SHA-1', body))
      const etag = `"${Array.from(sha1, (byte) => byte.toString(16).padStart(2, '0')).join('')}"`
      expect(res.headers.get('etag')).toBe(etag)
      const again = await fetch(`${server!.url}${todoUrl}`, {
        headers: { ...headers, 'if-none-match': etag },
      })
      expect(again.status).toBe(304)
      expect(again.headers.get('cache-control')).toBe('private, no-cache')
      expect(await again.text()).toBe('')
    })

    test('PATCH changes only the fields sent', async () => {
      const res = await call(
        'PATCH',
        todoUrl,
        { completed: true, due_date: '2030-01-31' },
        alice.access_token,
      )
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({
        title: 'Ship it',
        completed: true,
        priority: 2,
        due_date: '2030-01-31',
      })
    })

    test('PUT replaces every field, omitted ones taking their defaults', async () => {
      const res = await call('PUT', todoUrl, { title: 'Shipped' }, alice.access_token)
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({
        title: 'Shipped',
        completed: false,
        priority: 3,
        due_date: null,
      })
    })

    test('another user cannot see, change or delete the todo (404)', async () => {
      bob = await signUp('bob@example.com')
      for (const [method, body] of [['GET'], ['PATCH', { title: 'Mine' }], ['DELETE']] as const) {
        const res = await call(method, todoUrl, body, bob.access_token)
        expect(res.status, method).toBe(404)
        expect(await res.json()).toEqual({ detail: 'Todo not found' })
      }
      const list = await call('GET', '/todos', undefined, bob.access_token)
      expect(await list.json()).toMatchObject({ items: [], total: 0 })
    })

    test('DELETE answers 204, then the todo is 404', async () => {
      const res = await call('DELETE', todoUrl, undefined, alice.access_token)
      expect(res.status).toBe(204)
      expect(await res.text()).toBe('')
      const gone = await call('GET', todoUrl, undefined, alice.access_token)
      expect(gone.status).toBe(404)
      expect(await gone.json()).toEqual({ detail: 'Todo not found' })
    })

    test('answers 422 with FastAPI’s body for a missing title and a wrong type', async () => {
      const missing = await call('POST', '/todos', { priority: 1 }, alice.access_token)
      expect(missing.status).toBe(422)
      expect(await missing.json()).toEqual({
        detail: [
          {
            type: 'missing',
            loc: ['body', 'title'],
            msg: 'Field required',
            input: { priority: 1 },
          },
        ],
      })
      const wrong = await call('POST', '/todos', { title: 'x', completed: [1] }, alice.access_token)
      expect(wrong.status).toBe(422)
      expect(await wrong.json()).toEqual({
        detail: [
          {
            type: 'bool_type',
            loc: ['body', 'completed'],
            msg: 'Input should be a valid boolean',
            input: [1],
          },
        ],
      })
    })

    test('answers 422 json_invalid for malformed JSON, located as Python locates it', async () => {
      const res = await fetch(`${server!.url}/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(alice) },
        body: '{"title": ',
      })
      expect(res.status).toBe(422)
      expect(await res.json()).toEqual({
        detail: [
          {
            type: 'json_invalid',
            loc: ['body', 10],
            msg: 'JSON decode error',
            input: {},
            ctx: { error: 'Expecting value' },
          },
        ],
      })
    })

    test('answers 415 for a body that is not JSON', async () => {
      const res = await fetch(`${server!.url}/todos`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: bearer(alice) },
        body: 'title=x',
      })
      expect(res.status).toBe(415)
      expect(await res.json()).toEqual({
        detail: 'Unsupported Media Type: expected application/json',
      })
    })

    test('answers 413 for a body over 64 KiB, declared or streamed', async () => {
      const body = JSON.stringify({ title: 'big', description: 'x'.repeat(70_000) })
      const declared = await fetch(`${server!.url}/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(alice) },
        body,
      })
      expect(declared.status).toBe(413)
      expect(await declared.json()).toEqual({ detail: 'Content Too Large' })
      // Without Content-Length (chunked), the limit is counted while the body arrives.
      const streamed = await fetch(`${server!.url}/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(alice) },
        body: new Blob([body]).stream(),
        duplex: 'half',
      } as RequestInit)
      expect(streamed.status).toBe(413)
      const list = await call('GET', '/todos', undefined, alice.access_token)
      expect(await list.json()).toMatchObject({ total: 0 })
    })

    test.each([
      ['garbage', () => 'not-a-jwt'],
      ['alg none', () => withHeader(alice.access_token, { alg: 'none', typ: 'JWT' })],
      ['a tampered signature', () => withSignature(alice.access_token, 'AAAA')],
      ['another user’s claims under a valid signature', () => withSub(alice.access_token, bob)],
    ])('answers 401 with WWW-Authenticate for a token of %s', async (_, token) => {
      const res = await call('GET', '/users/me', undefined, token())
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(await res.json()).toEqual({ detail: expect.any(String) })
    })

    test('rotates refresh tokens, and a spent one revokes its family', async () => {
      const refresh = (token: string) => call('POST', '/auth/refresh', { refresh_token: token })
      const res = await refresh(alice.refresh_token)
      expect(res.status).toBe(200)
      const next: Tokens = await res.json()
      expect(next.refresh_token).not.toBe(alice.refresh_token)
      expect((await call('GET', '/users/me', undefined, next.access_token)).status).toBe(200)
      const reused = await refresh(alice.refresh_token)
      expect(reused.status).toBe(401)
      expect(reused.headers.get('www-authenticate')).toBe('Bearer')
      expect(await reused.json()).toEqual({ detail: 'Invalid or expired refresh token' })
      expect((await refresh(next.refresh_token)).status).toBe(401)
    })

    test('GET /openapi.json is an OpenAPI 3.1 document with the todo paths', async () => {
      const res = await call('GET', '/openapi.json')
      expect(res.status).toBe(200)
      const doc = await res.json()
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
      expect(doc.info).toMatchObject({ title: 'Todo API', version: '1.0.0' })
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/auth/token', '/users/me', '/todos', '/todos/{id}', '/health']),
      )
      expect(Object.keys(doc.paths['/todos/{id}'])).toEqual(
        expect.arrayContaining(['get', 'put', 'patch', 'delete']),
      )
    })

    test.each([
      ['/docs', 'swagger-ui-bundle.js'],
      ['/redoc', 'redoc.standalone.js'],
    ])(
      `GET %s serves its page, its files from ${docsFiles === 'app' ? 'the app' : 'jsDelivr'}`,
      async (path, file) => {
        const res = await call('GET', path)
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toMatch(/^text\/html/)
        const src = new RegExp(`src="([^"]+/${file.replaceAll('.', '\\.')})"`).exec(
          await res.text(),
        )?.[1]
        if (docsFiles === 'cdn') {
          expect(src).toMatch(/^https:\/\/cdn\.jsdelivr\.net\//)
          return
        }
        expect(src).toMatch(new RegExp(`^${path}/`))
        const bundle = await call('GET', src ?? '')
        expect([bundle.status, bundle.headers.get('content-type')]).toEqual([
          200,
          'text/javascript; charset=utf-8',
        ])
        await bundle.arrayBuffer()
      },
    )
  })
}

const bearer = (tokens: Tokens) => `Bearer ${tokens.access_token}`

const msSince = (started: number) => Math.round(performance.now() - started)

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString())

/** The token's claims under another header, without a signature (`alg: none` has none). */
function withHeader(token: string, header: object): string {
  const [, payload] = token.split('.')
  return `${encode(header)}.${payload}.`
}

/** The token with the start of its signature replaced. */
function withSignature(token: string, start: string): string {
  const [header, payload, signature = ''] = token.split('.')
  const tampered = start + signature.slice(start.length)
  expect(tampered).not.toBe(signature)
  return `${header}.${payload}.${tampered}`
}

/** The token's signature over claims changed to name the other user's account. */
function withSub(token: string, other: Tokens): string {
  const [header, payload, signature] = token.split('.')
  const otherSub = decode(other.access_token.split('.')[1] ?? '').sub
  const claims = { ...decode(payload ?? ''), sub: otherSub }
  return `${header}.${encode(claims)}.${signature}`
}
