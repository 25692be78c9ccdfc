/**
 * Where {@link cache} keeps computed values: JSON text under keys, each entry
 * stamped with the versions of its tags when it was computed. Invalidating a tag
 * moves its version on, so every entry stamped with the old one reads as a miss,
 * including one whose computation began before the invalidation and ended after it.
 * `memoryCache()` (core) and `redisCache()` (`@sluice/redis`) implement it.
 */
export interface CacheStore {
  /**
   * The entry under `key` unless it expired or one of `tags` was invalidated since
   * it was computed; and `versions`, the tags' versions now, to hand to {@link CacheStore.set}.
   */
  get(key: string, tags: readonly string[]): Promise<CacheRead>
  /** Keeps `value` for `ttl` seconds, stamped with the `versions` read before computing it. */
  set(key: string, value: string, entry: CacheEntry): Promise<void>
  /** Moves the tags' versions on: whatever was computed under them is stale. */
  invalidate(tags: readonly string[]): Promise<void>
}

/** What {@link CacheStore.get} found. */
export interface CacheRead {
  /** The JSON text kept, when it is fresh. */
  readonly value: string | undefined
  /** The versions of the tags asked about, in their order. */
  readonly versions: readonly number[]
}

/** How {@link CacheStore.set} keeps a value. */
export interface CacheEntry {
  /** Seconds to keep it. */
  readonly ttl: number
  readonly tags: readonly string[]
  /** The tags' versions read before the value was computed. */
  readonly versions: readonly number[]
}

/** Whether an entry's stamp still matches its tags' versions. */
export function sameVersions(stamp: readonly number[], now: readonly number[]): boolean {
  return stamp.length === now.length && stamp.every((version, i) => version === now[i])
}
