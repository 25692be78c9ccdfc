/** Where the package reports an outage: `console` by default. */
export interface RedisLogger {
  warn(message: string, error?: unknown): void
}

/** Options shared by the Redis live features. */
export interface RedisLiveOptions {
  /** Put before every key and channel, so several apps (or test runs) can share one server. Default `'sluice'`. */
  readonly prefix?: string
  /**
   * How many writes (broadcasts, appends) are held while Redis is away or
   * answers them with errors, sent in order once it takes them; past it the
   * oldest are dropped, and a warning says how many. Default 1000.
   */
  readonly maxPending?: number
  /** Where outages are reported. Default `console`. */
  readonly logger?: RedisLogger
}

export const DEFAULT_PREFIX = 'sluice'

/**
 * An `error` listener for an ioredis connection that reports each distinct
 * error once (a refused password, an unknown host), not each retry of it.
 * Without a listener ioredis prints every one; with an empty one, none.
 *
 * @example
 * ```ts
 * redis.on('error', reportErrorsOnce(console, 'Redis'))
 * ```
 */
export function reportErrorsOnce(logger: RedisLogger, what: string): (error: Error) => void {
  const reported = new Set<string>()
  return (error) => {
    if (reported.has(error.message)) return
    if (reported.size >= 20) reported.clear()
    reported.add(error.message)
    logger.warn(`${what}: ${error.message}`, error)
  }
}
