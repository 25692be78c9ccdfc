import { type CacheEntry, type CacheRead, type CacheStore, sameVersions } from './cache-store'

/** Options of {@link memoryCache}. */
export interface MemoryCacheOptions {
  /** Most entries kept; past it the least recently used go first. Default 10 000. */
  readonly maxEntries?: number
  /** Most bytes kept (UTF-8 of keys and values); past it the least recently used go first. Default 16 MiB. */
  readonly maxBytes?: number
  /** Most tag versions remembered; the oldest are forgotten safely (see the source). Default 10 000. */
  readonly maxTags?: number
  /** The clock, in milliseconds; tests give their own. Default `Date.now`. */
  readonly now?: () => number
}

interface Stored {
  readonly value: string
  readonly versions: readonly number[]
  readonly expires: number
  readonly bytes: number
}

const encoder = new TextEncoder()

/**
 * A {@link CacheStore} in this process's memory, bounded by entries and bytes
 * (least recently used out first), for one instance or for tests. Several
 * instances each keep their own; share one with `redisCache()` from `@sluice/redis`.
 *
 * @example
 * ```ts
 * const store = memoryCache({ maxEntries: 1_000, maxBytes: 4 * 1024 * 1024 })
 * const stats = cache({ query: v.object({ year: v.number() }) }, ({ query }) => statsOf(query.year), {
 *   name: 'stats', store, ttl: 60,
 * })
 * ```
 */
export function memoryCache(
  options: MemoryCacheOptions = {},
): CacheStore & { readonly size: number } {
  const maxEntries = options.maxEntries ?? 10_000
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024
  const maxTags = options.maxTags ?? 10_000
  const now = options.now ?? Date.now
  /** In recency order: a read moves an entry to the end. */
  const entries = new Map<string, Stored>()
  let bytes = 0
  /** Each invalidated tag's version, in order of invalidation. */
  const tagVersions = new Map<string, number>()
  let lastVersion = 0
  // A forgotten tag reads as the newest version forgotten: never as one an entry or a
  // computation in flight was stamped with before that tag's invalidation.
  let forgotten = 0
  const versionOf = (tag: string) => tagVersions.get(tag) ?? forgotten

  const remove = (key: string) => {
    const stored = entries.get(key)
    if (!stored) return
    entries.delete(key)
    bytes -= stored.bytes
  }

  return {
    get size() {
      return entries.size
    },
    async get(key: string, tags: readonly string[]): Promise<CacheRead> {
      const versions = tags.map(versionOf)
      const stored = entries.get(key)
      if (!stored) return { value: undefined, versions }
      if (stored.expires <= now() || !sameVersions(stored.versions, versions)) {
        remove(key)
        return { value: undefined, versions }
      }
      entries.delete(key)
      entries.set(key, stored)
      return { value: stored.value, versions }
    },
    async set(key: string, value: string, { ttl, versions }: CacheEntry): Promise<void> {
      remove(key)
      const size = encoder.encode(key).byteLength + encoder.encode(value).byteLength
      if (size > maxBytes) return
      entries.set(key, { value, versions, expires: now() + ttl * 1000, bytes: size })
      bytes += size
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break
        remove(oldest)
      }
    },
    async invalidate(tags: readonly string[]): Promise<void> {
      for (const tag of tags) {
        tagVersions.delete(tag)
        tagVersions.set(tag, ++lastVersion)
      }
      for (const [oldest, version] of tagVersions) {
        if (tagVersions.size <= maxTags) break
        tagVersions.delete(oldest)
        forgotten = Math.max(forgotten, version)
      }
    },
  }
}
