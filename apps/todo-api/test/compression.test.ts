import { type IncomingMessage, request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { type ServerHandle, serve } from '@sluice/core/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Session, type TestApp, testApp } from './helpers'

/*
 * Compression over real HTTP: fetch() would decode gzip itself, so the bodies
 * are read raw with node:http and decoded with node:zlib.
 */
let t: TestApp
let server: ServerHandle
let ann: Session

beforeAll(async () => {
  t = await testApp({ COMPRESSION_ENABLED: 'true' })
  server = await serve(t.app, { port: 0, hostname: '127.0.0.1', signals: false })
  ann = await t.signUp('ann@example.com')
  // Ten todos make a list of about 3 KB, well over the 1000-byte threshold.
  for (let i = 0; i < 10; i++) {
    const todo = {
      title: `Todo ${i}`,
      description: 'Something worth doing, described at length. '.repeat(4),
    }
    expect((await t.json('POST', '/todos', todo, ann.access)).status).toBe(201)
  }
}, 30_000)

afterAll(async () => {
  await server?.close()
  await t?.close()
})

interface RawResponse {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  readonly body: Buffer
}

/** A GET whose body is kept as the bytes sent, without any decoding. */
function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}

const bearer = () => ({ authorization: `Bearer ${ann.access}` })

describe('gzip', () => {
  test('an answer of 1000 bytes or more is gzipped for a client that accepts it', async () => {
    const plain = await get('/todos', bearer())
    const zipped = await get('/todos', { ...bearer(), 'accept-encoding': 'gzip, deflate, br' })
    expect(plain.body.length).toBeGreaterThanOrEqual(1000)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(zipped.status).toBe(200)
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toMatch(/accept-encoding/i)
    expect(zipped.headers['content-type']).toMatch(/^application\/json/)
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2)
    const decoded = gunzipSync(zipped.body).toString()
    expect(JSON.parse(decoded)).toEqual(JSON.parse(plain.body.toString()))
    expect(JSON.parse(decoded).total).toBe(10)
  })

  test('the OpenAPI document is gzipped too', async () => {
    const zipped = await get('/openapi.json', { 'accept-encoding': 'gzip' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(zipped.body).toString()).openapi).toMatch(/^3\.1/)
  })

  test('an answer under 1000 bytes is sent as it is, as FastAPI’s GZipMiddleware(minimum_size=1000)', async () => {
    const health = await get('/health', { 'accept-encoding': 'gzip' })
    expect(health.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok' })
    const one = await get('/todos?limit=1', { ...bearer(), 'accept-encoding': 'gzip' })
    expect(one.headers['content-encoding']).toBeUndefined()
    expect(JSON.parse(one.body.toString()).items).toHaveLength(1)
  })

  test('nothing is compressed for a client that does not accept gzip', async () => {
    for (const accept of [undefined, 'identity', 'gzip;q=0']) {
      const res = await get('/todos', { ...bearer(), ...(accept && { 'accept-encoding': accept }) })
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(JSON.parse(res.body.toString()).total).toBe(10)
    }
    // Without Accept-Encoding the answer is not touched at all: only the route's own Vary.
    expect((await get('/todos', bearer())).headers.vary).toBe('Authorization')
  })

  test('a gzipped answer has a weak ETag (its bytes differ from the plain one), and it revalidates to a 304', async () => {
    const gzip = { ...bearer(), 'accept-encoding': 'gzip' }
    const zipped = await get('/todos', gzip)
    const plain = await get('/todos', bearer())
    expect(zipped.headers.etag).toBe(`W/${plain.headers.etag}`)
    const again = await get('/todos', { ...gzip, 'if-none-match': zipped.headers.etag as string })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers['content-encoding']).toBeUndefined()
  })

  test('without COMPRESSION_ENABLED=true every answer is sent as it is', async () => {
    const off = await testApp()
    const offServer = await serve(off.app, { port: 0, hostname: '127.0.0.1', signals: false })
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        request(
          `${offServer.url}/openapi.json`,
          { headers: { 'accept-encoding': 'gzip' } },
          resolve,
        )
          .on('error', reject)
          .end(),
      )
      res.resume()
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBeUndefined()
    } finally {
      await offServer.close()
      await off.close()
    }
  })
})

describe('the docs page’s own files', () => {
  /** The Swagger UI bundle's URL, as the docs page names it. */
  async function bundleUrl(): Promise<string> {
    const html = (await get('/docs')).body.toString()
    const src = /src="([^"]*swagger-ui-bundle\.js[^"]*)"/.exec(html)?.[1]
    expect(src).toBeDefined()
    return (src ?? '').replaceAll('&#38;', '&')
  }

  test('are gzipped once, not on every request: sent with their length and a strong ETag, which the middleware would drop and weaken', async () => {
    const url = await bundleUrl()
    const first = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
    const second = await get(url, { 'accept-encoding': 'gzip, deflate, br' })
    for (const zipped of [first, second]) {
      expect(zipped.status).toBe(200)
      expect(zipped.headers['content-encoding']).toBe('gzip')
      expect(zipped.headers.vary).toMatch(/accept-encoding/i)
      // Compressing on the fly streams the answer (no length) and weakens its ETag (W/…).
      expect(zipped.headers['content-length']).toBe(String(zipped.body.length))
      expect(zipped.headers.etag).toMatch(/^"[^"]+"$/)
    }
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(second.body.equals(first.body)).toBe(true)
    expect(gunzipSync(first.body).toString()).toContain('SwaggerUIBundle')
  })

  test('answer 304 to a client that has them, and may be cached for good (the version is in the URL)', async () => {
    const url = await bundleUrl()
    const zipped = await get(url, { 'accept-encoding': 'gzip' })
    expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const again = await get(url, {
      'accept-encoding': 'gzip',
      'if-none-match': zipped.headers.etag ?? '',
    })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    // Without gzip, the file as it is, under its own ETag.
    const plain = await get(url)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.etag).not.toBe(zipped.headers.etag)
    expect(plain.body.equals(gunzipSync(zipped.body))).toBe(true)
  })
})

describe('server-sent events', () => {
  test('arrive uncompressed, one by one, to a client that accepts gzip', async () => {
    const stream = await new Promise<IncomingMessage>((resolve, reject) =>
      request(
        `${server.url}/todos/events?access_token=${ann.access}`,
        { headers: { 'accept-encoding': 'gzip', accept: 'text/event-stream' } },
        resolve,
      )
        .on('error', reject)
        .end(),
    )
    try {
      expect(stream.statusCode).toBe(200)
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
      expect(stream.headers['content-encoding']).toBeUndefined()
      // Each change must arrive while the stream stays open: a compressor would hold it back.
      let text = ''
      stream.setEncoding('utf8')
      const received = (title: string) =>
        new Promise<void>((resolve) => {
          const look = () => {
            if (text.includes(title)) {
              stream.off('data', onData)
              resolve()
            }
          }
          const onData = (chunk: string) => {
            text += chunk
            look()
          }
          stream.on('data', onData)
          look()
        })
      for (const title of ['First live change', 'Second live change']) {
        const arrived = received(title)
        expect((await t.json('POST', '/todos', { title }, ann.access)).status).toBe(201)
        await arrived
        expect(stream.complete).toBe(false)
      }
      expect(text).toMatch(/event: change\ndata: .*First live change/)
    } finally {
      stream.destroy()
    }
  }, 30_000)
})
