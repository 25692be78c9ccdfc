import type { Redis } from 'ioredis'
import type { RedisLiveOptions, RedisLogger } from './options'

/**
 * The writes (broadcasts, appends) of one Redis feature: run at once while the
 * client is connected, and held while it is not — at most `maxPending`, in
 * order — so a request that publishes never waits on (or fails for) a Redis
 * outage, and the memory held meanwhile is bounded. ioredis's own offline
 * queue would hold every write, unbounded.
 *
 * A client that connected but stopped answering is ioredis's `commandTimeout`
 * to bound: give the client one (see the README).
 */
export class HeldWrites {
  readonly #client: Redis
  readonly #maxPending: number
  readonly #logger: RedisLogger
  readonly #what: string
  readonly #pending: (() => Promise<unknown>)[] = []
  #draining = false
  #dropped = 0
  /** Whether the outage under way was reported, so its end is too. */
  #reportedAway = false
  /** Whether a failed write was reported since the last one that succeeded. */
  #reportedFailure = false

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
      await this.#send(write)
      return
    }
    // A client still making its first connection is not an outage worth a warning.
    const connecting = this.#client.status === 'connecting' || this.#client.status === 'wait'
    if (!connecting && !this.#reportedAway) {
      this.#reportedAway = true
      this.#logger.warn(`${this.#what}: Redis is away, holding writes until it is back`)
    }
    if (this.#pending.length >= this.#maxPending) {
      this.#pending.shift()
      this.#dropped++
    }
    this.#pending.push(write)
  }

  async #send(write: () => Promise<unknown>): Promise<void> {
    try {
      await write()
      this.#reportedFailure = false
    } catch (error) {
      if (this.#reportedFailure) return
      this.#reportedFailure = true
      this.#logger.warn(
        `${this.#what}: a write failed (further failures are not logged until one succeeds)`,
        error,
      )
    }
  }

  async #drain(): Promise<void> {
    if (this.#draining || this.#pending.length === 0) return
    this.#draining = true
    let sent = 0
    while (this.#client.status === 'ready' && this.#pending.length > 0) {
      await this.#send(this.#pending.shift() as () => Promise<unknown>)
      sent++
    }
    this.#draining = false
    // Redis went away again mid-drain: the rest waits for the next `ready`.
    if (this.#pending.length > 0) return
    const dropped = this.#dropped
    this.#dropped = 0
    if (!this.#reportedAway && dropped === 0) return
    this.#reportedAway = false
    this.#logger.warn(
      `${this.#what}: Redis is back; sent ${sent} held writes` +
        (dropped ? `, dropped the ${dropped} oldest (over maxPending ${this.#maxPending})` : ''),
    )
  }
}
