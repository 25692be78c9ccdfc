import type { Redis } from 'ioredis'

/** Where the package reports an outage: `console` by default. */
export interface RedisLogger {
  warn(message: string, error?: unknown): void
}

/** Options shared by the Redis live features. */
export interface RedisLiveOptions {
  /** Put before every key and channel, so several apps (or test runs) can share one server. Default `'sluice'`. */
  readonly prefix?: string
  /**
   * How many writes are held while Redis is away, sent in order once it is
   * back; past it the oldest are dropped, and a warning says how many. Default 1000.
   */
  readonly maxPending?: number
  /** Where outages are reported. Default `console`. */
  readonly logger?: RedisLogger
}

export const DEFAULT_PREFIX = 'sluice'

/**
 * Runs writes on `client` while it is connected, and holds at most
 * `maxPending` of them while it is not, in order, so a request that publishes
 * never waits on (or fails for) a Redis outage and the memory held meanwhile
 * is bounded. ioredis's own offline queue would hold every write, unbounded.
 */
export class WhileAway {
  readonly #client: Redis
  readonly #maxPending: number
  readonly #logger: RedisLogger
  readonly #what: string
  readonly #pending: (() => Promise<unknown>)[] = []
  #draining = false
  #dropped = 0

  constructor(client: Redis, what: string, options: RedisLiveOptions) {
    this.#client = client
    this.#what = what
    this.#maxPending = options.maxPending ?? 1000
    this.#logger = options.logger ?? console
    client.on('ready', () => void this.#drain())
  }

  /** Runs `write` now, or once Redis is back; resolves when it ran or was held. */
  async run(write: () => Promise<unknown>): Promise<void> {
    if (this.#client.status === 'ready' && !this.#draining && this.#pending.length === 0) {
      await write().catch((error) => this.#logger.warn(`${this.#what}: a write failed`, error))
      return
    }
    if (this.#pending.length === 0 && !this.#draining)
      this.#logger.warn(`${this.#what}: Redis is away, holding writes until it is back`)
    if (this.#pending.length >= this.#maxPending) {
      this.#pending.shift()
      this.#dropped++
    }
    this.#pending.push(write)
  }

  async #drain(): Promise<void> {
    if (this.#draining || this.#pending.length === 0) return
    this.#draining = true
    let sent = 0
    while (this.#client.status === 'ready' && this.#pending.length > 0) {
      const write = this.#pending.shift() as () => Promise<unknown>
      await write().catch((error) => this.#logger.warn(`${this.#what}: a write failed`, error))
      sent++
    }
    this.#draining = false
    if (this.#pending.length > 0) return
    const dropped = this.#dropped
    this.#dropped = 0
    this.#logger.warn(
      `${this.#what}: Redis is back; sent ${sent} held writes` +
        (dropped ? `, dropped the ${dropped} oldest (over maxPending ${this.#maxPending})` : ''),
    )
  }
}
