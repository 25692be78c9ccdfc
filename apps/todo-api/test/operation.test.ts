import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logger } from '../src/logging'
import { loadSettings } from '../src/settings'
import { PASSWORD, type Session, type TestApp, testApp } from './helpers'

const ORIGIN = 'https://app.example.com'
const lines: string[] = []
let t: TestApp
let hana: Session

beforeAll(async () => {
  t = await testApp(
    { CORS_ORIGINS: `${ORIGIN}, https://other.example.com` },
    logger('info', (line) => lines.push(line)),
  )
  hana = await t.signUp('hana@example.com')
})
afterAll(() => t.close())

describe('probes', () => {
  it('GET /health answers while the process lives', async () => {
    const res = await t.request('/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('GET /ready answers once the database does', async () => {
    const res = await t.request('/ready')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ready' })
  })

  it('answers 503 on /ready and every database route when the database cannot be opened', async () => {
    const file = join(tmpdir(), `todo-api-not-a-folder-${process.pid}`)
    writeFileSync(file, '')
    const broken = await testApp({ DATABASE_URL: join(file, 'todo.db') })
    try {
      for (const [path, init] of [
        ['/ready', undefined],
        [
          '/auth/token',
          { method: 'POST', body: new URLSearchParams({ username: 'a@b.co', password: PASSWORD }) },
        ],
      ] as const) {
        const res = await broken.request(path, init)
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBe('5')
        expect(await res.json()).toEqual({ detail: 'Database unavailable' })
      }
      expect((await broken.request('/health')).status).toBe(200)
    } finally {
      await broken.close()
      rmSync(file)
    }
  })
})

describe('documentation', () => {
  it('serves the OpenAPI document with the OAuth2 password flow', async () => {
    const res = await t.request('/openapi.json')
    expect(res.status).toBe(200)
    const doc = await res.json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/auth/token', '/users/me', '/todos', '/todos/{id}', '/ready']),
    )
    const schemes = Object.values(doc.components.securitySchemes)
    expect(schemes).toContainEqual(
      expect.objectContaining({
        type: 'oauth2',
        flows: { password: expect.objectContaining({ tokenUrl: '/auth/token' }) },
      }),
    )
    expect(doc.paths['/todos'].post.security).toBeDefined()
    expect(JSON.stringify(doc.components.schemas.UserPublic)).not.toContain('password')
  })

  it('documents what it checks: a new password needs the current one, a body it cannot parse is a 400', async () => {
    const doc = await (await t.request('/openapi.json')).json()
    expect(doc.components.schemas.UserUpdate.dependentRequired).toEqual({
      password: ['current_password'],
    })
    for (const [path, item] of Object.entries<Record<string, { requestBody?: unknown }>>(doc.paths))
      for (const [method, operation] of Object.entries(item))
        if (operation.requestBody)
          expect(operation, `${method} ${path}`).toHaveProperty('responses.400')
    const notUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) // {"\xff":1}
    for (const path of ['/auth/refresh', '/auth/logout']) {
      expect(doc.paths[path].post.responses['400'].description).toBe(
        'There was an error parsing the body',
      )
      const res = await t.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: notUtf8,
      })
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ detail: 'There was an error parsing the body' })
    }
  })

  it('serves Swagger UI at /docs and ReDoc at /redoc from their own files, offline, under a Content-Security-Policy', async () => {
    for (const [path, file] of [
      ['/docs', 'swagger-ui-bundle.js'],
      ['/redoc', 'redoc.standalone.js'],
    ] as const) {
      const res = await t.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self';")
      const html = await res.text()
      expect(html).not.toContain('cdn.jsdelivr.net')
      const src = new RegExp(`src="(${path}/[^"]+/${file.replaceAll('.', '\\.')})"`).exec(html)?.[1]
      expect(src).toBeDefined()
      const bundle = await t.request(src ?? '')
      expect([bundle.status, bundle.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ])
    }
  })

  it('turns both off with DOCS_ENABLED=false', async () => {
    const quiet = await testApp({ DOCS_ENABLED: 'false' })
    try {
      expect((await quiet.request('/docs')).status).toBe(404)
      expect((await quiet.request('/redoc')).status).toBe(404)
      expect((await quiet.request('/openapi.json')).status).toBe(404)
    } finally {
      await quiet.close()
    }
  })
})

describe('middleware', () => {
  it('sets secure headers and a request id, keeping one the client sent', async () => {
    const res = await t.request('/health')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/)
    const traced = await t.request('/health', { headers: { 'x-request-id': 'trace-123' } })
    expect(traced.headers.get('x-request-id')).toBe('trace-123')
  })

  it('allows the configured CORS origins only', async () => {
    const preflight = (origin: string) =>
      t.request('/todos', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      })
    const allowed = await preflight(ORIGIN)
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    const refused = await preflight('https://evil.example.com')
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    const simple = await t.request('/health', { headers: { origin: ORIGIN } })
    expect(simple.headers.get('access-control-expose-headers')).toContain('Location')
  })

  it('sends no CORS headers when no origin is allowed (the default)', async () => {
    const closed = await testApp()
    try {
      const res = await closed.request('/health', { headers: { origin: ORIGIN } })
      expect(res.status).toBe(200)
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual(
        [],
      )
    } finally {
      await closed.close()
    }
  })

  it('answers 413 for a body over 64 KiB', async () => {
    const res = await t.json(
      'POST',
      '/todos',
      { title: 'big', description: 'x'.repeat(70_000) },
      hana.access,
    )
    expect(res.status).toBe(413)
  })

  it('logs one JSON line per request, without tokens or passwords', async () => {
    lines.length = 0
    await t.json('GET', '/todos?q=secret-query', undefined, hana.access)
    await t.login(hana.email)
    const requests = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.message === 'request')
    expect(requests).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', path: '/todos', status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/auth/token', status: 200 }),
    ])
    for (const entry of requests) {
      expect(entry.duration_ms).toBeTypeOf('number')
      expect(entry.request_id).toBeTypeOf('string')
    }
    const logged = lines.join('\n')
    expect(logged).not.toContain(hana.access)
    expect(logged).not.toContain(PASSWORD)
    expect(logged).not.toContain('secret-query')
  })
})

describe('settings', () => {
  it('has working defaults and accepts PORT=0', () => {
    const defaults = loadSettings({ JWT_SECRET: 'x'.repeat(32) })
    expect(defaults).toMatchObject({
      PORT: 8000,
      DATABASE_URL: './data/todo.db',
      ACCESS_TOKEN_TTL: 900,
      DOCS_ENABLED: true,
      CORS_ORIGINS: '',
    })
    expect(loadSettings({ JWT_SECRET: 'x'.repeat(32), PORT: '0' }).PORT).toBe(0)
  })

  it('requires JWT_SECRET in production, and a long one everywhere', () => {
    expect(() => loadSettings({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/)
    expect(() => loadSettings({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/)
  })

  it('makes up a random secret in development', () => {
    const first = loadSettings({ NODE_ENV: 'development' })
    const second = loadSettings({ NODE_ENV: 'development' })
    expect(first.JWT_SECRET?.length).toBeGreaterThanOrEqual(32)
    expect(first.JWT_SECRET).not.toBe(second.JWT_SECRET)
  })
})

it('never answers with a password or its hash', () => {
  const bodies = t.bodies.join('\n')
  expect(bodies).not.toContain(PASSWORD)
  expect(bodies).not.toContain('password_hash')
})
