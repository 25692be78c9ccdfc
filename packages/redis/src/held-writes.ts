import type { Redis } from 'ioredis'
import type { RedisLiveOptions, RedisLogger } from './options'

type Write = () => Promise<unknown>

/** The first wait before a refused write is tried again; it doubles up to {@link MAX_RETRY_DELAY}. */
const MIN_RETRY_DELAY = 100
const MAX_RETRY_DELAY = 2000

/**
 * The writes (broadcasts, appends) of one Redis feature: run at once while the
 * client is connected and Redis takes them, and held otherwise — at most
 * `maxPending`, in order — so a request that publishes never waits on (or
 * fails for) a Redis outage, and the memory held meanwhile is bounded. ioredis's
 * own offline queue would hold every write, unbounded.
 *
 * A write Redis answers with an error (out of memory at `maxmemory`, a
 * read-only replica, a timeout) is not lost either: it is held with those
 * after it and tried again, with back-off, until Redis takes it. Meanwhile
 * `refusing(true)` tells the feature, whose listeners here would wait in
 * vain for what was neither published nor kept; `refusing(false)` once every
 * held write went through.
 *
 * A client that connected but stopped answering is ioredis's `commandTimeout`
 * to bound: give the client one (see the README).
 */
export class HeldWrites {
  readonly #client: Redis
  readonly #maxPending: number
  readonly #logger: RedisLogger
  readonly #what: string
  readonly #refusing: (refusing: boolean) => void
  readonly #pending: Write[] = []
  #draining = false
  #dropped = 0
  /** Whether the client was ever ready: before, Redis is not away but not reached yet. */
  #connected: boolean
  /** Whether the outage under way was reported, so its end is too. */
  #reportedAway = false
  /** Whether Redis answered a write with an error, and has not taken one since. */
  #refused = false
  /**
   * How many writes at the head of the held ones failed as they were sent at
   * once: one that fails next goes after them, so they keep the order they were sent in.
   */
  #requeued = 0
  #retryDelay = MIN_RETRY_DELAY
  #retry: ReturnType<typeof setTimeout> | undefined

  constructor(
    client: Redis,
    what: string,
    options: RedisLiveOptions,
    refusing: (refusing: boolean) => void,
  ) {
    this.#client = client
    this.#what = what
    this.#maxPending = options.maxPending ?? 1000
    this.#logger = options.logger ?? console
    this.#refusing = refusing
    this.#connected = client.status === 'ready'
    client.on('ready', () => {
      this.#connected = true
      void this.#drain()
    })
  }

  /** Runs `write` now, or once Redis is back and takes writes; resolves when it ran or was held. */
  async run(write: Write): Promise<void> {
    if (this.#client.status === 'ready' && !this.#draining && this.#pending.length === 0) {
      const error = await this.#send(write)
      if (error === undefined) return
      this.#pending.splice(this.#requeued++, 0, write)
      this.#refuse(error)
      return
    }
    // A client still making its first connection is not an outage worth a warning; one
    // reconnecting is ('connecting' too, between its attempts).
    if (this.#connected && !this.#reportedAway && !this.#refused) {
      this.#reportedAway = true
      this.#logger.warn(`${this.#what}: Redis is away, holding writes until it is back`)
    }
    if (this.#pending.length >= this.#maxPending) {
      this.#pending.shift()
      this.#dropped++
    }
    this.#pending.push(write)
  }

  /** Runs a write; resolves with Redis's error if it failed. */
  async #send(write: Write): Promise<unknown> {
    try {
      await write()
      return undefined
    } catch (error) {
      return error ?? new Error('Redis refused a write')
    }
  }

  /** Redis answered a write with an error: say so once, and try the oldest held write again later. */
  #refuse(error: unknown): void {
    if (!this.#refused) {
      this.#refused = true
      this.#logger.warn(
        `${this.#what}: Redis refused a write, holding writes until it takes them`,
        error,
      )
      this.#refusing(true)
    }
    if (this.#retry) return
    this.#retry = setTimeout(() => {
      this.#retry = undefined
      void this.#drain()
    }, this.#retryDelay)
    this.#retry.unref?.()
    this.#retryDelay = Math.min(this.#retryDelay * 2, MAX_RETRY_DELAY)
  }

  async #drain(): Promise<void> {
    if (this.#draining || this.#pending.length === 0) return
    this.#draining = true
    this.#requeued = 0
    let sent = 0
    while (this.#client.status === 'ready' && this.#pending.length > 0) {
      const write = this.#pending.shift() as Write
      const error = await this.#send(write)
      if (error !== undefined) {
        this.#pending.unshift(write)
        this.#draining = false
        this.#refuse(error)
        return
      }
      sent++
    }
    this.#draining = false
    // Redis went away again mid-drain: the rest waits for the next `ready`.
    if (this.#pending.length > 0) return
    const dropped = this.#dropped
    const refused = this.#refused
    this.#dropped = 0
    this.#refused = false
    this.#retryDelay = MIN_RETRY_DELAY
    if (refused) this.#refusing(false)
    if (!this.#reportedAway && !refused && dropped === 0) return
    this.#reportedAway = false
    this.#logger.warn(
      `${this.#what}: ${refused ? 'Redis takes writes again' : 'Redis is back'}; sent ${sent} held writes` +
        (dropped ? `, dropped the ${dropped} oldest (over maxPending ${this.#maxPending})` : ''),
    )
  }
}
