import { once } from 'node:events'
import { createNodeWebSocket } from '@hono/node-ws'
import * as v from 'valibot'
import { afterEach, describe, expect, test } from 'vitest'
import { closeOf, TestClient } from '../../test-fixtures/realtime'
import { createApp, memoryBackend, type RoomsBackend, rooms, websocketRoute } from '../index'
import { type ServerHandle, serve } from '../node'

const Event = v.object({ type: v.picklist(['joined', 'said', 'rooms']), text: v.string() })
const Command = v.object({ leave: v.optional(v.string()), say: v.optional(v.string()) })

/** One instance of a chat app: its own rooms helper over the given backend. */
async function instance(backend: RoomsBackend) {
  const chat = rooms(Event, { backend })
  const lobby = websocketRoute(
    '/lobby/:name',
    { params: v.object({ name: v.string() }), incoming: Command, outgoing: Event },
    ({ params, socket }) => {
      chat.join('lobby', socket)
      chat.join(`user:${params.name}`, socket)
      chat.broadcast('lobby', { type: 'joined', text: params.name })
      return {
        async onMessage(command) {
          if (command.leave) chat.leave(command.leave, socket)
          if (command.say) await chat.broadcast('lobby', { type: 'said', text: command.say })
          socket.send({ type: 'rooms', text: chat.roomsOf(socket).join(',') })
        },
      }
    },
  )
  const app = createApp({ routes: [lobby], websocket: (app) => createNodeWebSocket({ app }) })
  const server = await serve(app, { port: 0, hostname: '127.0.0.1', signals: false })
  servers.push(server)
  return { chat, base: server.url.replace('http', 'ws') }
}

const servers: ServerHandle[] = []
const clients: TestClient[] = []

async function connect(url: string) {
  const client = new TestClient(url)
  clients.push(client)
  return client.opened()
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('rooms', () => {
  test('broadcast to a room, count presence, and forget sockets that close', async () => {
    const { chat, base } = await instance(memoryBackend())
    const ann = await connect(`${base}/lobby/ann`)
    expect(await ann.next()).toEqual({ type: 'joined', text: 'ann' })
    const ben = await connect(`${base}/lobby/ben`)
    expect(await ann.next()).toEqual({ type: 'joined', text: 'ben' })
    expect(await ben.next()).toEqual({ type: 'joined', text: 'ben' })
    expect(chat.count('lobby')).toBe(2)
    expect(chat.count('user:ann')).toBe(1)
    const closed = once(ben.ws, 'close')
    ben.ws.close()
    await closed
    // The server sees the close after the client; a round trip on ann's socket orders them.
    ann.send({ say: 'still here?' })
    expect(await ann.next()).toEqual({ type: 'said', text: 'still here?' })
    expect(await ann.next()).toEqual({ type: 'rooms', text: 'lobby,user:ann' })
    expect(chat.count('lobby')).toBe(1)
    expect(chat.count('user:ben')).toBe(0)
  })

  test('leave() stops delivery to that socket only', async () => {
    const { base } = await instance(memoryBackend())
    const ann = await connect(`${base}/lobby/ann`)
    await ann.next()
    const ben = await connect(`${base}/lobby/ben`)
    await ann.next()
    await ben.next()
    ben.send({ leave: 'lobby' })
    expect(await ben.next()).toEqual({ type: 'rooms', text: 'user:ben' })
    ann.send({ say: 'hi' })
    expect(await ann.next()).toEqual({ type: 'said', text: 'hi' })
    ben.send({})
    expect(await ben.next()).toEqual({ type: 'rooms', text: 'user:ben' })
    expect(ben.seen).not.toContainEqual({ type: 'said', text: 'hi' })
  })

  test('reach sockets on another instance through a shared backend', async () => {
    const shared = memoryBackend()
    const east = await instance(shared)
    const west = await instance(shared)
    const ann = await connect(`${east.base}/lobby/ann`)
    await ann.next()
    const ben = await connect(`${west.base}/lobby/ben`)
    expect(await ann.next()).toEqual({ type: 'joined', text: 'ben' })
    expect(await ben.next()).toEqual({ type: 'joined', text: 'ben' })
    ann.send({ say: 'across instances' })
    expect(await ben.next()).toEqual({ type: 'said', text: 'across instances' })
    expect(east.chat.count('lobby')).toBe(1)
    expect(west.chat.count('lobby')).toBe(1)
  })

  test('close the sockets of a room whose backend lost messages with 1013, and let them rejoin', async () => {
    const memory = memoryBackend()
    const interruptions = new Map<string, () => void>()
    const { chat, base } = await instance({
      publish: memory.publish,
      subscribe(room, deliver, interrupted) {
        interruptions.set(room, interrupted)
        return memory.subscribe(room, deliver, interrupted)
      },
    })
    const ann = await connect(`${base}/lobby/ann`)
    await ann.next()
    const closed = closeOf(ann.ws)
    interruptions.get('lobby')?.()
    expect(await closed).toEqual({
      code: 1013,
      reason: 'Room broadcasts were interrupted; reconnect',
    })
    expect(chat.count('lobby')).toBe(0)

    const again = await connect(`${base}/lobby/ann`)
    expect(await again.next()).toEqual({ type: 'joined', text: 'ann' })
    expect(chat.count('lobby')).toBe(1)
  })

  test('close a socket at once when the backend cannot subscribe to its room', async () => {
    const { chat, base } = await instance({
      publish: () => {},
      subscribe: (_room, _deliver, interrupted) => {
        interrupted()
        return () => {}
      },
    })
    const ann = new TestClient(`${base}/lobby/ann`)
    clients.push(ann)
    expect(await closeOf(ann.ws)).toEqual({
      code: 1013,
      reason: 'Room broadcasts were interrupted; reconnect',
    })
    expect(chat.count('lobby')).toBe(0)
  })

  test('validate and filter a broadcast once against their schema', async () => {
    const texts: string[] = []
    const backend: RoomsBackend = {
      publish: (_room, text) => texts.push(text),
      subscribe: () => () => {},
    }
    const chat = rooms(Event, { backend })
    await chat.broadcast('lobby', { type: 'said', text: 'hi', secret: 1 } as never)
    expect(texts).toEqual(['{"type":"said","text":"hi"}'])
    await expect(chat.broadcast('lobby', { type: 'shout' } as never)).rejects.toThrow(
      'room broadcast does not match its schema',
    )
  })
})
