import * as v from 'valibot'
import { describe, expectTypeOf, test } from 'vitest'
import {
  createApp,
  depends,
  type IncomingMessage,
  type Rooms,
  rooms,
  type ServerFrame,
  type Socket,
  type WebSocketErrorFrame,
  websocketRoute,
} from '../index'

const Incoming = v.variant('type', [
  v.object({ type: v.literal('say'), text: v.string() }),
  v.object({ type: v.literal('ping') }),
])
const Outgoing = v.object({ type: v.literal('said'), from: v.string(), text: v.string() })
const currentUser = depends(() => ({ id: 1, name: 'alice' }))

describe('websocketRoute', () => {
  test('types the handler from params, deps, incoming and outgoing', () => {
    websocketRoute(
      '/rooms/:room',
      {
        params: v.object({ room: v.string() }),
        query: v.object({ since: v.optional(v.number()) }),
        deps: { user: currentUser },
        incoming: Incoming,
        outgoing: Outgoing,
      },
      ({ params, query, user, socket }) => {
        expectTypeOf(params).toEqualTypeOf<{ room: string }>()
        expectTypeOf(query).toEqualTypeOf<{ since?: number | undefined }>()
        expectTypeOf(user).toEqualTypeOf<{ id: number; name: string }>()
        expectTypeOf(socket).toEqualTypeOf<Socket<v.InferInput<typeof Outgoing>>>()
        return {
          onMessage(message) {
            expectTypeOf(message).toEqualTypeOf<{ type: 'say'; text: string } | { type: 'ping' }>()
            if (message.type === 'say') {
              socket.send({ type: 'said', from: user.name, text: message.text })
            }
          },
          onClose(event) {
            expectTypeOf(event).toEqualTypeOf<{ code: number; reason: string }>()
          },
        }
      },
    )
  })

  test('rejects sends that do not match outgoing', () => {
    websocketRoute('/chat', { outgoing: Outgoing }, ({ socket }) => {
      // @ts-expect-error a missing field
      socket.send({ type: 'said', text: 'hi' })
      // @ts-expect-error a wrong literal
      socket.send({ type: 'shout', from: 'a', text: 'hi' })
      // @ts-expect-error a wrong field type
      socket.send({ type: 'said', from: 1, text: 'hi' })
    })
  })

  test('rejects handlers that read message fields that incoming does not declare', () => {
    websocketRoute('/chat', { incoming: Incoming }, () => ({
      onMessage(message) {
        // @ts-expect-error `text` exists only on `say` messages
        message.text
      },
    }))
  })

  test('leaves messages unknown without incoming, and sends any value without outgoing', () => {
    websocketRoute('/raw', {}, ({ socket }) => ({
      onMessage(message) {
        expectTypeOf(message).toEqualTypeOf<unknown>()
        socket.send({ anything: true })
      },
    }))
  })

  test('checks path params as HTTP routes do', () => {
    // @ts-expect-error `room` is in the path but not declared
    websocketRoute('/rooms/:room', {}, () => {})
  })

  test('rejects a dependency named like the socket', () => {
    // @ts-expect-error `socket` is the handler's own argument
    websocketRoute('/chat', { deps: { socket: currentUser } }, () => {})
  })

  test('takes limits, and a deadline from a dependency giving a Date or epoch ms', () => {
    const expiry = depends(() => Date.now() + 60_000)
    const expiryDate = depends(() => new Date())
    const noExpiry = depends((): number | undefined => undefined)
    websocketRoute(
      '/a',
      { until: expiry, maxMessageBytes: 1024, maxBufferedBytes: 1 << 20 },
      () => {},
    )
    websocketRoute('/b', { until: expiryDate }, () => {})
    websocketRoute('/c', { until: noExpiry }, () => {})
    // @ts-expect-error a deadline is a Date or a number, not a string
    websocketRoute('/d', { until: depends(() => 'tomorrow') }, () => {})
    // @ts-expect-error the deadline is not a handler argument
    websocketRoute('/e', { until: expiry }, ({ until }) => until)
  })

  test('names what a client receives', () => {
    type Definition = { incoming: typeof Incoming; outgoing: typeof Outgoing }
    expectTypeOf<IncomingMessage<Definition>>().toEqualTypeOf<
      { type: 'say'; text: string } | { type: 'ping' }
    >()
    expectTypeOf<ServerFrame<Definition>>().toEqualTypeOf<
      { type: 'said'; from: string; text: string } | WebSocketErrorFrame
    >()
  })

  test('mounts in an app like any route', () => {
    const chat = websocketRoute('/chat', {}, () => {})
    createApp({ routes: [chat], websocket: { upgradeWebSocket: (() => {}) as never } })
  })
})

describe('rooms', () => {
  test('are typed by their schema', () => {
    const chat = rooms(Outgoing)
    expectTypeOf(chat).toEqualTypeOf<Rooms<{ type: 'said'; from: string; text: string }>>()
    chat.broadcast('general', { type: 'said', from: 'a', text: 'hi' })
    // @ts-expect-error a message the schema does not accept
    chat.broadcast('general', { type: 'said', text: 'hi' })
    websocketRoute('/chat', { outgoing: Outgoing }, ({ socket }) => {
      chat.join('general', socket)
    })
  })
})
