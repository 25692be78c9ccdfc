/**
 * Run with `node --expose-gc --import tsx --conditions=@sluice/source` by
 * src/ws.test.ts: serves a WebSocket route, sends `COUNT` handshakes that never
 * become sockets (of the `KIND` below) over real TCP connections, then prints
 * the statuses seen and the heap before and after, each after a full GC, as JSON.
 *
 * - `no-connection`: `Upgrade: websocket` without `Connection: Upgrade`
 * - `bad-key`: a malformed `Sec-WebSocket-Key`
 * - `bad-protocol`: a malformed `Sec-WebSocket-Protocol`
 * - `post`: a `POST` with the headers of a valid handshake
 * - `vanish`: a valid handshake whose client leaves while its dependency runs
 */

import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { createNodeWebSocket } from '@hono/node-ws'
import { createApp, depends, websocketRoute } from '../src/index'
import { serve } from '../src/node'

const kind = process.env.KIND ?? 'no-connection'
const count = Number(process.env.COUNT ?? 2000)

/** A dependency that takes a moment, as a token check against a store would. */
const user = depends({}, async () => {
  await sleep(kind === 'vanish' ? 20 : 0)
  return 'alice'
})

const app = createApp({
  routes: [websocketRoute('/ws', { deps: { user } }, ({ socket }) => socket.send('hello'))],
  websocket: (app) => createNodeWebSocket({ app }),
})
// Quiet: stdout carries only the JSON the test reads.
const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false, onListen: false })

const KEY = 'dGhlIHNhbXBsZSBub25jZQ=='
const headers: Record<string, string> = {
  'no-connection': `Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\n`,
  'bad-key':
    'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n',
  'bad-protocol': `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Protocol: ,\r\n`,
  post: `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\n`,
  vanish: `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${KEY}\r\n`,
}

/** Sends one handshake; resolves with the status line's code (0 when the client left first). */
function handshake(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    socket.on('error', reject)
    socket.write(
      `${kind === 'post' ? 'POST' : 'GET'} /ws HTTP/1.1\r\nHost: localhost\r\n${headers[kind]}\r\n`,
    )
    if (kind === 'vanish') {
      socket.destroy()
      return resolve(0)
    }
    socket.once('data', (data) => {
      socket.destroy()
      resolve(Number(String(data).split(' ')[1]))
    })
  })
}

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await sleep(50)
    globalThis.gc?.()
  }
  return process.memoryUsage().heapUsed
}

const statuses = new Set<number>()
for (let i = 0; i < 20; i++) statuses.add(await handshake())
const before = await heapAfterGc()
for (let sent = 0; sent < count; sent += 50) {
  for (const status of await Promise.all(Array.from({ length: 50 }, handshake)))
    statuses.add(status)
}
// Let the dependencies of the clients that left settle.
await sleep(200)
const after = await heapAfterGc()
console.log(JSON.stringify({ statuses: [...statuses], before, after }))
await server.close()
