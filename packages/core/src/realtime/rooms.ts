import type * as v from 'valibot'
import type { AnySchema } from '../types'
import { messageSerializer, type Socket } from './ws-socket'

/**
 * Where room messages travel. The default, {@link memoryBackend}, reaches the
 * sockets of this process only; an app running on several instances gives
 * {@link rooms} a backend over a shared channel (Redis pub/sub, a Durable
 * Object, Postgres `LISTEN/NOTIFY`) so a broadcast on one instance reaches
 * every instance's sockets in that room. Messages are serialized JSON text.
 *
 * @example
 * ```ts
 * import { redisRoomsBackend } from '@sluice/redis' // one channel per room, over ioredis
 *
 * const chat = rooms(ChatEvent, { backend: redisRoomsBackend(new Redis(process.env.REDIS_URL!)) })
 * ```
 */
export interface RoomsBackend {
  /** Sends `text` to every subscriber of `room`, on every instance. */
  publish(room: string, text: string): unknown
  /**
   * Calls `deliver` with every text published to `room` until the returned
   * function is called. A backend that can lose messages (its connection
   * dropped) calls `interrupted` once instead, and the subscription has ended:
   * {@link rooms} closes the room's sockets with 1013 (Try Again Later), so
   * their clients reconnect rather than wait for messages that will not come.
   */
  subscribe(room: string, deliver: (text: string) => void, interrupted: () => void): () => void
}

/**
 * The in-process {@link RoomsBackend}: delivery is immediate and synchronous.
 *
 * @example
 * ```ts
 * const chat = rooms(ChatEvent, { backend: memoryBackend() })
 * ```
 */
export function memoryBackend(): RoomsBackend {
  const subscribers = new Map<string, Set<(text: string) => void>>()
  return {
    publish(room, text) {
      for (const deliver of subscribers.get(room) ?? []) deliver(text)
    },
    subscribe(room, deliver) {
      const set = subscribers.get(room) ?? new Set()
      subscribers.set(room, set)
      set.add(deliver)
      return () => {
        set.delete(deliver)
        if (set.size === 0) subscribers.delete(room)
      }
    },
  }
}

/** The close code and reason of a room's sockets when its backend lost messages. */
const INTERRUPTED = { code: 1013, reason: 'Room broadcasts were interrupted; reconnect' } as const

/** Typed rooms of WebSocket connections. */
export interface Rooms<Out> {
  /** Adds a socket to a room; it leaves by itself when it closes. */
  join(room: string, socket: Socket<Out>): void
  leave(room: string, socket: Socket<Out>): void
  /** Validates `message` once and sends it to every socket in the room (on every instance, with a shared backend). */
  broadcast(room: string, message: Out): Promise<void>
  /** How many sockets of this instance are in the room. */
  count(room: string): number
  /** The rooms a socket is in. */
  roomsOf(socket: Socket<Out>): string[]
}

/** Options of {@link rooms}. */
export interface RoomsOptions {
  /** Where broadcasts travel. Default {@link memoryBackend}: this process only. */
  readonly backend?: RoomsBackend
}

/** A room's sockets on this instance, and how to stop its subscription. */
interface Room {
  readonly sockets: Set<Socket<never>>
  unsubscribe: () => void
}

/**
 * A broadcast helper for `websocketRoute` handlers: join, leave, broadcast to a room,
 * and count who is present. Messages are typed, validated and filtered by
 * `schema` (usually the route's `outgoing`) once per broadcast, not per socket.
 *
 * @example
 * ```ts
 * const chat = rooms(ChatEvent)
 * websocketRoute('/rooms/:room', { params, outgoing: ChatEvent }, ({ params, socket }) => {
 *   chat.join(params.room, socket)
 *   chat.broadcast(params.room, { type: 'joined', present: chat.count(params.room) })
 * })
 * ```
 */
export function rooms<S extends AnySchema>(
  schema: S,
  options: RoomsOptions = {},
): Rooms<v.InferInput<S>> {
  const backend = options.backend ?? memoryBackend()
  const serialize = messageSerializer(schema, 'room broadcast')
  const members = new Map<string, Room>()

  const leave = (room: string, socket: Socket<never>) => {
    const entry = members.get(room)
    if (!entry?.sockets.delete(socket)) return
    if (entry.sockets.size === 0) {
      members.delete(room)
      entry.unsubscribe()
    }
  }

  const open = (room: string): Room => {
    const entry: Room = { sockets: new Set(), unsubscribe: () => {} }
    members.set(room, entry)
    entry.unsubscribe = backend.subscribe(
      room,
      (text) => {
        for (const member of entry.sockets) member.sendText(text)
      },
      () => {
        if (members.get(room) === entry) members.delete(room)
        for (const member of entry.sockets) member.close(INTERRUPTED.code, INTERRUPTED.reason)
      },
    )
    return entry
  }

  return {
    join(room, socket) {
      const entry = members.get(room) ?? open(room)
      // A backend that could not subscribe said so at once: nothing would reach the socket.
      if (members.get(room) !== entry) return socket.close(INTERRUPTED.code, INTERRUPTED.reason)
      if (entry.sockets.has(socket)) return
      entry.sockets.add(socket)
      socket.onClose(() => leave(room, socket))
    },
    leave,
    async broadcast(room, message) {
      await backend.publish(room, serialize(message))
    },
    count: (room) => members.get(room)?.sockets.size ?? 0,
    roomsOf: (socket) =>
      [...members].filter(([, entry]) => entry.sockets.has(socket)).map(([room]) => room),
  }
}
