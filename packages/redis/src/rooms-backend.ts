import type { RoomsBackend } from '@sluice/core'
import type { Redis } from 'ioredis'
import { HeldWrites } from './held-writes'
import { DEFAULT_PREFIX, type RedisLiveOptions } from './options'
import { ChannelSubscriber } from './subscriber'

/** A {@link RoomsBackend} that can be closed, with its pub/sub connection. */
export interface RedisRoomsBackend extends RoomsBackend {
  /** Closes the pub/sub connection it opened; `client` stays yours to close. */
  close(): Promise<void>
}

/**
 * A {@link RoomsBackend} over Redis pub/sub, so `rooms().broadcast()` on one
 * instance reaches the sockets in that room on every instance: one channel per
 * room (`<prefix>:room:<room>`), subscribed on one extra connection per process
 * while any socket here is in the room.
 *
 * While Redis is away, broadcasts wait in a bounded buffer (`maxPending`) and
 * are sent once it is back; the sockets of every room are closed with 1013
 * (they would miss messages), and sockets that join meanwhile are closed at
 * once, so clients reconnect until Redis is back. A broadcast Redis answers
 * with an error (an ACL, a timeout) is held alike and tried again, with
 * back-off, until Redis takes it, and meanwhile this instance's sockets are
 * closed with 1013. Reconnection is ioredis's.
 *
 * @example
 * ```ts
 * import { rooms } from '@sluice/core'
 * import { redisRoomsBackend } from '@sluice/redis'
 * import { Redis } from 'ioredis'
 *
 * const chat = rooms(ChatEvent, { backend: redisRoomsBackend(new Redis(process.env.REDIS_URL!)) })
 * ```
 */
export function redisRoomsBackend(
  client: Redis,
  options: RedisLiveOptions = {},
): RedisRoomsBackend {
  const prefix = options.prefix ?? DEFAULT_PREFIX
  const channelOf = (room: string) => `${prefix}:room:${room}`
  const subscriber = new ChannelSubscriber(client, 'rooms over Redis', options.logger ?? console)
  const writes = new HeldWrites(client, 'rooms over Redis', options, (refused) =>
    subscriber.writesRefused(refused),
  )
  return {
    publish: (room, text) => writes.run(() => client.publish(channelOf(room), text)),
    subscribe: (room, deliver, interrupted) =>
      subscriber.listen(channelOf(room), deliver, interrupted).stop,
    close: () => subscriber.close(),
  }
}
