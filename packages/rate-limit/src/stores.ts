import type { Redis } from 'ioredis'
import type { Pool } from 'pg'
import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from './limiters'

/** What one limit asks of its store: how many points per how many seconds, and its counters' key prefix. */
export interface LimiterOptions {
  readonly points: number
  /** The window in whole seconds. */
  readonly duration: number
  /** Unique per limit: counters are kept under `<keyPrefix>:<key>`. */
  readonly keyPrefix: string
}

/**
 * Where a limit's counters live: makes the rate-limiter-flexible limiter of one
 * limit. The promise settles once the limiter can count (PostgreSQL creates its
 * table first); a rejected one is asked again on the next request.
 *
 * Any rate-limiter-flexible limiter fits, so MySQL, MongoDB or DynamoDB are one
 * function away:
 *
 * @example
 * ```ts
 * const mysqlStore = (pool: Pool): RateLimitStore => ({
 *   name: 'MySQL',
 *   limiter: (options) => new Promise((resolve, reject) => {
 *     const limiter = new RateLimiterMySQL({ ...options, storeClient: pool, storeType: 'pool' },
 *       (error) => (error ? reject(error) : resolve(limiter)))
 *   }),
 * })
 * ```
 */
export interface RateLimitStore {
  /** How warnings name the store. */
  readonly name: string
  readonly limiter: (options: LimiterOptions) => RateLimiterAbstract | Promise<RateLimiterAbstract>
}

/** Options shared by the stores that several processes share. */
export interface SharedStoreOptions {
  /** Put before every key, so several apps (or test runs) can share one server. Default `'sluice-rl'`. */
  readonly prefix?: string
}

/**
 * Counters in this process's memory: exact and fast, but each process (and each
 * restart) counts on its own. For one process, development and tests.
 *
 * @example
 * ```ts
 * const perClient = rateLimit({ points: 100, duration: 60, store: memoryStore() })
 * ```
 */
export function memoryStore(): RateLimitStore {
  return { name: 'memory', limiter: (options) => new RateLimiterMemory(options) }
}

/**
 * Counters in Redis through an ioredis client, shared by every process: each
 * request is one atomic Lua script (`INCRBY` with the window's expiry).
 *
 * While the client is not connected the limit does not wait for it: it counts
 * in memory meanwhile (or answers 503, see `whenStoreFails`). Pass a client
 * that connects on its own (not `lazyConnect`); its reconnection is ioredis's.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * const store = redisStore(new Redis(process.env.REDIS_URL!), { prefix: 'todo-api' })
 * ```
 */
export function redisStore(client: Redis, options: SharedStoreOptions = {}): RateLimitStore {
  const prefix = options.prefix ?? DEFAULT_PREFIX
  return {
    name: 'Redis',
    limiter: (limit) =>
      new RateLimiterRedis({
        ...limit,
        keyPrefix: `${prefix}:${limit.keyPrefix}`,
        storeClient: client,
        // Fail at once while disconnected instead of queueing behind the reconnection.
        rejectIfRedisNotReady: true,
      }),
  }
}

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions extends SharedStoreOptions {
  /** The table of counters, created when missing. Default `'sluice_rate_limits'`. */
  readonly tableName?: string
}

/**
 * Counters in PostgreSQL through a node-postgres `Pool`, shared by every
 * process: each request is one atomic `INSERT … ON CONFLICT DO UPDATE`. The
 * table is created (`IF NOT EXISTS`) before the first count; expired rows are
 * deleted every five minutes.
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * const store = postgresStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }))
 * ```
 */
export function postgresStore(pool: Pool, options: PostgresStoreOptions = {}): RateLimitStore {
  const prefix = options.prefix ?? DEFAULT_PREFIX
  const tableName = options.tableName ?? 'sluice_rate_limits'
  return {
    name: 'PostgreSQL',
    limiter: (limit) =>
      new Promise((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          {
            ...limit,
            keyPrefix: `${prefix}:${limit.keyPrefix}`,
            storeClient: pool,
            storeType: 'pool',
            tableName,
          },
          // Called once the table exists: counting before would be refused.
          (error?: unknown) => (error ? reject(error) : resolve(limiter)),
        )
      }),
  }
}

const DEFAULT_PREFIX = 'sluice-rl'
