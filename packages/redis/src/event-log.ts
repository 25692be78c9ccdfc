import type { EventLog, LoggedEvent } from '@sluice/core'
import type { Redis } from 'ioredis'
import { HeldWrites } from './held-writes'
import { DEFAULT_PREFIX, type RedisLiveOptions } from './options'
import { ChannelSubscriber } from './subscriber'

/** Options of {@link redisEventLog}. */
export interface RedisEventLogOptions extends RedisLiveOptions {
  /** How many of each topic's latest events are kept for replay (at least; Redis trims in whole blocks). Default 100. */
  readonly retain?: number
  /** Seconds a topic nobody writes to is kept, so the streams of users long gone do not pile up. Default one day. */
  readonly ttl?: number
}

/** An {@link EventLog} that can be closed, with its pub/sub connection. */
export interface RedisEventLog extends EventLog {
  /** Closes the pub/sub connection it opened; `client` stays yours to close. */
  close(): Promise<void>
}

/**
 * Appends to the topic's stream and publishes the event on its channel in one
 * script: Redis runs scripts one at a time, so every instance receives a
 * topic's events in the order of their ids.
 */
const APPEND = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'text', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], id .. '\\n' .. ARGV[2])
return id`

/** Live events a resuming subscription holds while its replay is read; past it, it is interrupted. */
const MAX_HELD = 10_000

/** A stream id, `<milliseconds>-<sequence>`, as numbers to compare. */
type StreamId = readonly [number, number]

/** The id a client sent, if it has the form of a stream id. */
function parseId(id: string | undefined): StreamId | undefined {
  const match = id === undefined ? null : /^(\d{1,15})-(\d{1,15})$/.exec(id)
  return match ? [Number(match[1]), Number(match[2])] : undefined
}

const after = (id: StreamId, than: StreamId) =>
  id[0] > than[0] || (id[0] === than[0] && id[1] > than[1])

/** The event in a channel message, `<id>\n<text>`; none if the id is not a stream id (not ours). */
function eventOf(message: string): LoggedEvent | undefined {
  const newline = message.indexOf('\n')
  const id = message.slice(0, newline)
  return parseId(id) ? { id, text: message.slice(newline + 1) } : undefined
}

/**
 * An {@link EventLog} in Redis Streams, shared by every instance: each topic is
 * a stream (`<prefix>:events:<topic>`, trimmed to `retain` events, expiring
 * after `ttl` seconds without writes) whose ids are ordered across instances,
 * and new events reach subscribers over pub/sub. A client that read event N
 * from one instance reconnects to another with `Last-Event-ID: N` and gets
 * exactly the events after N: the subscription is in place before the replay
 * is read (`XREVRANGE`), and events seen in both are delivered once.
 *
 * While Redis is away, appends wait in a bounded buffer (`maxPending`) and are
 * written once it is back, with new ids; every subscription is interrupted
 * (end the stream: the client reconnects with its `Last-Event-ID` and the
 * replay fills the gap), and new ones are interrupted at once until it is back.
 * A Redis that answers an append with an error (out of memory at `maxmemory`,
 * a read-only replica, a timeout) is treated alike: the append is held with
 * those after it and tried again, with back-off, until Redis takes it, and
 * meanwhile this instance's subscriptions are interrupted. So an append that
 * resolved reaches every subscription or the replay of its client's
 * reconnection, unless over `maxPending` were held (the oldest are dropped,
 * and logged). An append whose answer was lost (the connection dropped, a
 * timeout) may be written twice, under two ids: delivery is at least once.
 *
 * @example
 * ```ts
 * import { redisEventLog } from '@sluice/redis'
 * import { Redis } from 'ioredis'
 *
 * const log = redisEventLog(new Redis(process.env.REDIS_URL!), { prefix: 'todo-api', retain: 100 })
 * ```
 */
export function redisEventLog(client: Redis, options: RedisEventLogOptions = {}): RedisEventLog {
  const prefix = options.prefix ?? DEFAULT_PREFIX
  const retain = options.retain ?? 100
  const ttl = options.ttl ?? 86_400
  const keyOf = (topic: string) => `${prefix}:events:${topic}`
  const logger = options.logger ?? console
  const subscriber = new ChannelSubscriber(client, 'event log over Redis', logger)
  const writes = new HeldWrites(client, 'event log over Redis', options, (refused) =>
    subscriber.writesRefused(refused),
  )

  /**
   * The retained events after `id`, at most the newest `retain` (a client
   * further behind missed the rest), or `undefined` if the stream never had
   * `id` (it is newer than its last).
   */
  async function replay(topic: string, id: string): Promise<LoggedEvent[] | undefined> {
    const [[newestError, newest], [rangeError, range]] = (await client
      .pipeline()
      .xrevrange(keyOf(topic), '+', '-', 'COUNT', 1)
      .xrevrange(keyOf(topic), '+', `(${id}`, 'COUNT', retain)
      .exec()) as [[Error | null, [string, string[]][]], [Error | null, [string, string[]][]]]
    if (newestError || rangeError) throw newestError ?? rangeError
    const last = parseId(newest[0]?.[0])
    if (!last || after(parseId(id) as StreamId, last)) return undefined
    return range.reverse().map(([eventId, fields]) => ({ id: eventId, text: fields[1] ?? '' }))
  }

  return {
    append: (topic, text) =>
      writes.run(() => client.eval(APPEND, 1, keyOf(topic), retain, text, ttl, keyOf(topic))),

    subscribe(topic, lastEventId, deliver, interrupted) {
      let last = parseId(lastEventId)
      /** Live events that arrive while the replay is read. */
      let held: LoggedEvent[] | undefined = last ? [] : undefined
      let ended = false
      const emit = (event: LoggedEvent) => {
        const id = parseId(event.id) as StreamId
        if (last && !after(id, last)) return
        last = id
        deliver(event)
      }
      const end = () => {
        if (ended) return
        ended = true
        interrupted()
      }
      const receive = (message: string) => {
        const event = eventOf(message)
        if (!event) return
        if (!held) return emit(event)
        held.push(event)
        if (held.length > MAX_HELD) stopAndEnd()
      }
      const { stop, subscribed } = subscriber.listen(keyOf(topic), receive, end)
      const stopAndEnd = () => {
        stop()
        end()
      }
      if (held && lastEventId !== undefined) {
        subscribed
          .then(() => replay(topic, lastEventId))
          .then((replayed) => {
            if (ended) return
            if (!replayed) last = undefined
            const live = held ?? []
            held = undefined
            for (const event of [...(replayed ?? []), ...live]) emit(event)
          })
          .catch((error) => {
            logger.warn(`event log over Redis: could not replay ${keyOf(topic)}`, error)
            stopAndEnd()
          })
      }
      return () => {
        ended = true
        stop()
      }
    },

    close: () => subscriber.close(),
  }
}
