import type { Redis } from 'ioredis'
import { type RedisLogger, reportErrorsOnce } from './options'

interface Listener {
  readonly deliver: (text: string) => void
  readonly interrupted: () => void
}

interface Channel {
  readonly listeners: Set<Listener>
  /** Settles once Redis has confirmed the subscription. */
  readonly subscribed: Promise<unknown>
}

/**
 * One pub/sub connection of this process, shared by every local listener:
 * a channel is subscribed in Redis while anyone here listens to it.
 *
 * Pub/sub has no memory: a message published while the connection is down is
 * lost. So when the connection drops every listener is told once
 * (`interrupted`) and forgotten, and until it is back new listeners are told
 * at once; they resubscribe when their clients reconnect, which is when a
 * replay can fill the gap.
 */
export class ChannelSubscriber {
  readonly #connection: Redis
  readonly #logger: RedisLogger
  readonly #channels = new Map<string, Channel>()
  #lost = false
  /** Set while Redis refuses this instance's writes (see {@link ChannelSubscriber.writesRefused}). */
  #refused = false

  constructor(client: Redis, what: string, logger: RedisLogger) {
    this.#logger = logger
    // Its own connection: a connection in subscriber mode can run no other command.
    // Nothing is resubscribed or resent after a reconnection: the listeners were told and are gone.
    this.#connection = client.duplicate({
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
    })
    this.#connection.on('message', (channel: string, text: string) => {
      for (const listener of this.#channels.get(channel)?.listeners ?? [])
        this.#call(() => listener.deliver(text), channel)
    })
    this.#connection.on('close', () => this.#interruptAll())
    this.#connection.on('ready', () => {
      this.#lost = false
    })
    // A refused password or an unreachable server is worth a line; each retry of it is not.
    this.#connection.on('error', reportErrorsOnce(logger, `${what}: the pub/sub connection`))
  }

  /**
   * Calls `deliver` with each message on `channel` until the returned function
   * is called, or `interrupted` once if the connection is lost. The promise
   * settles once the subscription is in place (at once if it already was).
   */
  listen(
    channel: string,
    deliver: (text: string) => void,
    interrupted: () => void,
  ): { readonly stop: () => void; readonly subscribed: Promise<unknown> } {
    if (this.#lost || this.#refused) {
      queueMicrotask(() => this.#call(interrupted, channel))
      return { stop: () => {}, subscribed: Promise.resolve() }
    }
    const entry = this.#channels.get(channel) ?? this.#subscribe(channel)
    const listener = { deliver, interrupted }
    entry.listeners.add(listener)
    return { stop: () => this.#unlisten(channel, entry, listener), subscribed: entry.subscribed }
  }

  /**
   * While Redis refuses this instance's writes, they are neither published
   * nor kept yet: every listener is told it was interrupted (and its channel
   * left), and new ones are told at once, as while the connection is lost.
   */
  writesRefused(refused: boolean): void {
    this.#refused = refused
    if (!refused) return
    for (const [channel, entry] of this.#channels) {
      this.#interrupt(channel, entry)
      this.#connection.unsubscribe(channel).catch(() => {})
    }
  }

  /** Closes the connection (at once when Redis is away: QUIT would wait for it); its listeners are told they were interrupted. */
  async close(): Promise<void> {
    if (this.#connection.status !== 'ready') {
      this.#connection.disconnect()
      return
    }
    await this.#connection.quit().catch(() => this.#connection.disconnect())
  }

  #subscribe(channel: string): Channel {
    const subscribed = this.#connection.subscribe(channel)
    const entry = { listeners: new Set<Listener>(), subscribed }
    this.#channels.set(channel, entry)
    subscribed.catch((error) => {
      // An ACL that forbids the channel, say: every client of it would be refused in silence.
      if (!this.#lost) this.#logger.warn(`could not subscribe to ${channel}`, error)
      this.#interrupt(channel, entry)
    })
    return entry
  }

  #unlisten(channel: string, entry: Channel, listener: Listener): void {
    entry.listeners.delete(listener)
    if (entry.listeners.size > 0 || this.#channels.get(channel) !== entry) return
    this.#channels.delete(channel)
    this.#connection.unsubscribe(channel).catch(() => {})
  }

  #interrupt(channel: string, entry: Channel): void {
    if (this.#channels.get(channel) !== entry) return
    this.#channels.delete(channel)
    for (const listener of entry.listeners) this.#call(listener.interrupted, channel)
  }

  #interruptAll(): void {
    this.#lost = true
    for (const [channel, entry] of this.#channels) this.#interrupt(channel, entry)
  }

  /** Runs a listener's callback: its failure must reach neither the others nor the connection. */
  #call(callback: () => void, channel: string): void {
    try {
      callback()
    } catch (error) {
      this.#logger.warn(`a listener of ${channel} failed`, error)
    }
  }
}
