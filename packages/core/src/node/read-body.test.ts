import * as v from 'valibot'
import { afterEach, expect, test } from 'vitest'
import { createApp, route } from '../index'
import { type ServerHandle, serve } from '../node'

const Item = v.object({ name: v.string(), tags: v.array(v.string()) })

let server: ServerHandle | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${server!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
}

test('a JSON body that arrives in many chunks is read whole, and the request can read it again afterwards', async () => {
  const readAfter: string[] = []
  const app = createApp({
    routes: [route.post('/items', { body: Item }, ({ body }) => body.tags.length)],
    middleware: [
      async (c, next) => {
        await next()
        readAfter.push(await c.req.text())
      },
    ],
  })
  server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false, onListen: false })
  const sent = JSON.stringify({ name: 'é'.repeat(50_000), tags: Array(5000).fill('t') })
  const res = await post('/items', sent)
  expect(res.status).toBe(200)
  expect(await res.json()).toBe(5000)
  expect(readAfter).toEqual([sent])
})

test('a body middleware read first is the body the route validates', async () => {
  const app = createApp({
    routes: [route.post('/items', { body: Item }, ({ body }) => body.name)],
    middleware: [
      async (c, next) => {
        expect(await c.req.text()).toBe('{"name":"first","tags":[]}')
        await next()
      },
    ],
  })
  server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false, onListen: false })
  const res = await post('/items', '{"name":"first","tags":[]}')
  expect(await res.json()).toBe('first')
})

test('a streamed body of unknown length is still counted against the body limit', async () => {
  const app = createApp({
    bodyLimit: 64,
    routes: [route.post('/items', { body: Item }, ({ body }) => body.name)],
  })
  server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false, onListen: false })
  const chunked = (text: string) =>
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text))
        controller.close()
      },
    })
  const small = await post('/items', chunked('{"name":"a","tags":[]}'))
  expect(await small.json()).toBe('a')
  const large = await post('/items', chunked(JSON.stringify({ name: 'a'.repeat(100), tags: [] })))
  expect(large.status).toBe(413)
})

test('a body that is not UTF-8 is refused with 400, read from the socket as from app.request', async () => {
  const app = createApp({ routes: [route.post('/items', { body: Item }, () => 'never')] })
  server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false, onListen: false })
  const bytes = new Uint8Array([0x7b, 0x22, 0x6e, 0xff, 0x22, 0x7d])
  const overTcp = await post('/items', bytes)
  const inProcess = await app.request('/items', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bytes,
  })
  expect(overTcp.status).toBe(400)
  expect(await overTcp.json()).toEqual(await inProcess.json())
})
