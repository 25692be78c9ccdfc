import { type CacheEntry, type CacheRead, type CacheStore, sameVersions } from '@sluice/core'
import type { Redis } from 'ioredis'
import { DEFAULT_PREFIX } from './options'

/** Options of {@link redisCache}. */
export interface RedisCacheOptions {
  /** Put before every key, so several apps (or test runs) can share one server. Default `'sluice'`. */
  readonly prefix?: string
  /**
   * Seconds a tag's version is kept after its last invalidation. Entries live no
   * longer than it (a longer `ttl` is shortened), so none outlives the version that
   * makes it stale. Default one day.
   */
  readonly tagTtl?: number
}

const DAY = 24 * 60 * 60

/**
 * A {@link CacheStore} on Redis, shared by every instance of an app: `cache()`'s
 * values are computed once for all of them and invalidated for all of them.
 * An entry is one string key that expires after its `ttl` (Redis's own bound:
 * give the server a `maxmemory` and an eviction policy such as `allkeys-lru`);
 * each tag is a counter that invalidation increments. One round trip per read
 * (`MGET` of the entry and its tags' versions), one per write.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * const store = redisCache(new Redis(process.env.REDIS_URL), { prefix: 'todo-api' })
 * const stats = cache({ user: currentUser, db }, ({ user, db }) => todoStats(db, user.id), {
 *   name: 'todo-stats', store, ttl: 60, key: ({ user }) => user.id, tags: ({ user }) => [`todos:${user.id}`],
 * })
 * ```
 */
export function redisCache(client: Redis, options: RedisCacheOptions = {}): CacheStore {
  const prefix = options.prefix ?? DEFAULT_PREFIX
  const tagTtl = options.tagTtl ?? DAY
  const entryKey = (key: string) => `${prefix}:cache:${key}`
  const tagKey = (tag: string) => `${prefix}:cache-tag:${tag}`
  return {
    async get(key: string, tags: readonly string[]): Promise<CacheRead> {
      const [stored, ...counters] = await client.mget(entryKey(key), ...tags.map(tagKey))
      const versions = counters.map(Number)
      return { value: stored == null ? undefined : fresh(stored, versions), versions }
    },
    async set(key: string, value: string, { ttl, versions }: CacheEntry): Promise<void> {
      const milliseconds = Math.max(1, Math.round(Math.min(ttl, tagTtl) * 1000))
      await client.set(entryKey(key), `${versions.join(',')}|${value}`, 'PX', milliseconds)
    },
    async invalidate(tags: readonly string[]): Promise<void> {
      if (tags.length === 0) return
      const batch = client.multi()
      for (const tag of tags) batch.incr(tagKey(tag)).expire(tagKey(tag), tagTtl)
      await batch.exec()
    },
  }
}

/** The value of an entry kept as `<versions>|<value>`, if it was computed under these versions. */
function fresh(stored: string, versions: readonly number[]): string | undefined {
  const bar = stored.indexOf('|')
  const stamp = stored.slice(0, bar)
  const entryVersions = stamp === '' ? [] : stamp.split(',').map(Number)
  return sameVersions(entryVersions, versions) ? stored.slice(bar + 1) : undefined
}
