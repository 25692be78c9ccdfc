import {
  type Dependency,
  type DependencyScope,
  depends,
  HTTPError,
  HTTPException,
} from '@sluice/core'
import type { Context } from 'hono'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { clientKey } from './client-key'
import {
  addRateLimitFields,
  isPrintableAscii,
  type LimitStatus,
  type RateLimitFields,
} from './headers'
import { RateLimiterMemory, RateLimiterRes } from './limiters'
import { type LimiterOptions, memoryStore, type RateLimitStore } from './stores'

/** Where a limit reports that its store failed and that it came back. */
export interface RateLimitLogger {
  warn(message: string, details?: unknown): void
}

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests (points) allowed per window for one key. */
  readonly points: number
  /** The window in whole seconds; it starts with a key's first request. */
  readonly duration: number
  /**
   * A dependency whose value is the string to count by: the user's id, an API
   * key, an account name … Default: {@link clientKey}`()`, the client's address
   * with IPv6 clients counted per /64.
   */
  readonly key?: Dependency<string, DependencyScope>
  /** Where the counters live. Default: {@link memoryStore}, this process only. */
  readonly store?: RateLimitStore
  /**
   * The policy's name in the RateLimit header fields, and its counters' namespace:
   * give every limit its own. Default `"<points>-per-<duration>s"`.
   */
  readonly name?: string
  /** Points each request takes. Default 1. */
  readonly cost?: number
  /** The 429's `detail`, e.g. `'Too many login attempts, try again later'`. Default `'Too Many Requests'`. */
  readonly detail?: string
  /**
   * What to do while the store fails (Redis down, PostgreSQL unreachable):
   * `'memory'` (default) logs a warning and counts in this process's memory until
   * the store answers again, so every process still enforces the limit on its own;
   * `'reject'` answers `503 Service Unavailable`, for limits that must hold
   * across processes whatever it costs.
   */
  readonly whenStoreFails?: 'memory' | 'reject'
  /** Where the store's failures are reported. Default `console`. */
  readonly logger?: RateLimitLogger
}

/** The value of a rate limit dependency: where the request's key stands. */
export interface RateLimitState extends LimitStatus {
  /** The key the request was counted under. */
  readonly key: string
  /**
   * Gives this request's points back, e.g. after a successful login so that only
   * failed attempts count. Once per request; a store failure is logged, not thrown.
   */
  refund(): Promise<void>
}

/**
 * A rate limit as a dependency, slowapi's `@limiter.limit("5/minute")`: counts
 * each request against its key atomically before the route's work runs, and
 * answers `429 Too Many Requests` over the limit, with `Retry-After` and the
 * RateLimit header fields of draft-ietf-httpapi-ratelimit-headers:
 * `RateLimit-Policy: "<name>";q=<points>;w=<duration>` and
 * `RateLimit: "<name>";r=<remaining>;t=<seconds to reset>`. Requests within the
 * limit get the same two fields. Every operation it guards documents the 429.
 *
 * Declare it like any dependency: in a route's `dependencies` (or `deps`, to read
 * its {@link RateLimitState}), a router's `deps` or the app's `deps`.
 *
 * @example
 * ```ts
 * const store = redisStore(new Redis(process.env.REDIS_URL!))
 * const perClient = rateLimit({ points: 100, duration: 60, store })
 * const perUser = rateLimit({
 *   name: 'writes', points: 30, duration: 60, store,
 *   key: depends({ user: currentUser }, ({ user }) => `user:${user.id}`),
 * })
 *
 * const app = createApp({ deps: [perClient], routes: [
 *   router({ prefix: '/todos', deps: [perUser] }, [createTodo, updateTodo]),
 * ] })
 * ```
 */
export function rateLimit(options: RateLimitOptions): Dependency<RateLimitState, 'request'> {
  const limit = checkedLimit(options)
  const counter = new Counter(limit, options)
  return depends(
    { key: options.key ?? defaultKey },
    async ({ key }, { c }) => {
      const stored = await storedKey(key)
      const counted = await counter.count(stored)
      const status = statusOf(limit, counted.result)
      const fields = addRateLimitFields(c, status)
      if (!counted.allowed) {
        refusals.set(c, limit.name)
        throw tooManyRequests(limit.detail, status, fields)
      }
      return stateOf(status, key, () => counter.refund(counted.limiter, stored))
    },
    {
      name: `rateLimit "${limit.name}"`,
      responses:
        options.whenStoreFails === 'reject'
          ? { 429: HTTPError, 503: HTTPError }
          : { 429: HTTPError },
    },
  )
}

/** Made once: every limit without a key of its own counts by the client's address, IPv6 per /64. */
const defaultKey = clientKey()

/** The limit that refused each refused request, for {@link rateLimitedBy}. */
const refusals = new WeakMap<Context, string>()

/**
 * The name of the rate limit that answered this request with 429, if one did:
 * for metrics that count refusals by limit (`@sluice/metrics`' `rateLimitedBy` option).
 *
 * @example
 * ```ts
 * const metrics = prometheusMetrics({ rateLimitedBy })
 * ```
 */
export function rateLimitedBy(c: Context): string | undefined {
  return refusals.get(c)
}

interface Limit extends LimiterOptions {
  readonly name: string
  readonly cost: number
  readonly detail: string
}

/** Checks the options once, when the limit is declared. */
function checkedLimit(options: RateLimitOptions): Limit {
  const { points, duration, name, cost = 1, detail = 'Too Many Requests' } = options
  for (const [option, value] of Object.entries({ points, duration, cost })) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new TypeError(`rateLimit(): ${option} must be a positive integer, not ${value}`)
  }
  const policy = name ?? `${points}-per-${duration}s`
  if (!policy || !isPrintableAscii(policy))
    throw new TypeError(`rateLimit(): name must be printable ASCII, not ${JSON.stringify(policy)}`)
  return { name: policy, points, duration, cost, detail, keyPrefix: policy }
}

/** One request's count: whether it fits, where the key stands, and the limiter that counted it. */
interface Counted {
  readonly allowed: boolean
  readonly result: RateLimiterRes
  readonly limiter: RateLimiterAbstract
}

/**
 * The counters of one limit: the store's limiter, made on first use (and made
 * again after a failed attempt), and a memory limiter that stands in while the
 * store fails, unless failures are to be answered with 503.
 */
class Counter {
  #limiter: Promise<RateLimiterAbstract> | undefined
  #failing = false
  readonly #store: RateLimitStore
  readonly #fallback: RateLimiterAbstract | undefined
  readonly #logger: RateLimitLogger

  constructor(
    private readonly limit: Limit,
    options: RateLimitOptions,
  ) {
    this.#store = options.store ?? memoryStore()
    this.#logger = options.logger ?? console
    this.#fallback =
      options.whenStoreFails === 'reject'
        ? undefined
        : new RateLimiterMemory({ points: limit.points, duration: limit.duration })
  }

  async count(key: string): Promise<Counted> {
    try {
      const counted = await consume(await this.#storeLimiter(), key, this.limit.cost)
      this.#recovered()
      return counted
    } catch (error) {
      this.#failed(error)
      if (!this.#fallback) throw new HTTPException(503, 'Service Unavailable')
      return consume(this.#fallback, key, this.limit.cost)
    }
  }

  async refund(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.reward(key, this.limit.cost)
    } catch (error) {
      this.#logger.warn(`rate limit "${this.limit.name}": could not refund a request`, error)
    }
  }

  #storeLimiter(): Promise<RateLimiterAbstract> {
    this.#limiter ??= Promise.resolve(this.#store.limiter(this.limit)).catch((error) => {
      this.#limiter = undefined
      throw error
    })
    return this.#limiter
  }

  /** Warns once per outage, not once per request. */
  #failed(error: unknown) {
    if (this.#failing) return
    this.#failing = true
    const meanwhile = this.#fallback ? 'counting in memory meanwhile' : 'answering 503 meanwhile'
    this.#logger.warn(
      `rate limit "${this.limit.name}": the ${this.#store.name} store failed, ${meanwhile}`,
      error,
    )
  }

  #recovered() {
    if (!this.#failing) return
    this.#failing = false
    this.#logger.warn(`rate limit "${this.limit.name}": the ${this.#store.name} store is back`)
  }
}

/** Consumes points; rate-limiter-flexible rejects with a `RateLimiterRes` over the limit, with an error on failure. */
async function consume(limiter: RateLimiterAbstract, key: string, cost: number): Promise<Counted> {
  try {
    return { allowed: true, result: await limiter.consume(key, cost), limiter }
  } catch (error) {
    if (error instanceof RateLimiterRes) return { allowed: false, result: error, limiter }
    throw error
  }
}

const MAX_KEY_LENGTH = 128

/** Long keys (a pasted essay as a user name) are hashed: stores bound key length (PostgreSQL's is 255). */
async function storedKey(key: string): Promise<string> {
  if (key.length <= MAX_KEY_LENGTH) return key
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key))
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'))
  return `sha256:${hex.join('')}`
}

function statusOf(limit: Limit, result: RateLimiterRes): LimitStatus {
  return {
    name: limit.name,
    points: limit.points,
    duration: limit.duration,
    remaining: result.remainingPoints,
    reset: Math.max(Math.ceil(result.msBeforeNext / 1000), 0),
  }
}

function tooManyRequests(detail: string, status: LimitStatus, fields: RateLimitFields) {
  return new HTTPException(429, detail, {
    ...fields,
    'Retry-After': String(Math.max(status.reset, 1)),
  })
}

function stateOf(status: LimitStatus, key: string, refund: () => Promise<void>): RateLimitState {
  let refunded: Promise<void> | undefined
  return {
    ...status,
    key,
    refund: () => {
      refunded ??= refund()
      return refunded
    },
  }
}
