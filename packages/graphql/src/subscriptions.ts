import { Repeater } from '@repeaterjs/repeater'
import { atDeadline, type EventLog } from '@sluice/core'
import * as v from 'valibot'

/**
 * The events of a GraphQL subscription, as an async iterable for a Pothos
 * `subscribe` resolver: `follow` pushes each event and resolves when its source
 * ends (an `EventLog` interrupted, a feed closed); `closed` resolves when the
 * client has gone, or the subscription was stopped, so `follow` can let go.
 *
 * @example
 * ```ts
 * subscribe: async (_, __, ctx) => {
 *   const user = await ctx.use(currentUser)
 *   return subscription<TodoChange>((push, closed) =>
 *     feed.follow(user.id, undefined, (event) => push(event.change), closed),
 *   )
 * }
 * ```
 */
export function subscription<T>(
  follow: (push: (event: T) => void, closed: Promise<void>) => Promise<void>,
  options: SubscriptionOptions = {},
): AsyncIterableIterator<T> {
  return new Repeater<T>(async (push, stop) => {
    const until = options.until instanceof Date ? options.until.getTime() : options.until
    const cancel = atDeadline(until, () => stop())
    await follow(
      (event) => void push(event),
      stop.then(() => {}),
    )
    cancel()
    stop()
  })
}

/** Options of {@link subscription}. */
export interface SubscriptionOptions {
  /**
   * When the subscription must end (a `Date` or epoch ms), e.g. its access
   * token's expiry, as `sseRoute`'s `until` ends a stream.
   */
  readonly until?: Date | number | undefined
}

/** Publishes events to, and subscribes to them from, topics of an `EventLog`: see {@link eventLogPubSub}. */
export interface EventLogPubSub<T> {
  /** Validates `event` and appends it to `topic`, for every subscriber on every instance. */
  publish(topic: string, event: T): Promise<void>
  /** The events published to `topic` from now on, until the client goes or the log is interrupted. */
  subscribe(topic: string): AsyncIterableIterator<T>
}

/**
 * A pub/sub for GraphQL subscriptions over Sluice's `EventLog`: `memoryEventLog()`
 * in one process, `redisEventLog()` from `@sluice/redis` across instances. Events
 * are checked against `schema` when published and again when read, since a shared
 * log may hold anything; one that fails is skipped. When the log is interrupted (its
 * connection dropped) the subscription ends, and the client subscribes again.
 *
 * @example
 * ```ts
 * const changes = eventLogPubSub(memoryEventLog(), v.object({ id: v.number(), title: v.string() }))
 * await changes.publish('user:1', { id: 7, title: 'Milk' })
 * // in a resolver: subscribe: () => changes.subscribe('user:1')
 * ```
 */
export function eventLogPubSub<S extends v.GenericSchema>(
  log: EventLog,
  schema: S,
): EventLogPubSub<v.InferOutput<S>> {
  const read = (text: string) => {
    try {
      const parsed = v.safeParse(schema, JSON.parse(text))
      return parsed.success ? parsed.output : undefined
    } catch {
      return undefined
    }
  }
  return {
    publish: (topic, event) => log.append(topic, JSON.stringify(v.parse(schema, event))),
    subscribe: (topic) =>
      subscription((push, closed) => {
        let stop = () => {}
        const interrupted = new Promise<void>((resolve) => {
          stop = log.subscribe(
            topic,
            undefined,
            (event) => {
              const value = read(event.text)
              if (value !== undefined) push(value)
            },
            resolve,
          )
        })
        return Promise.race([closed, interrupted]).finally(stop)
      }),
  }
}
