import { type Dependency, type DependencyInputs, depends, type ResolvedInputs } from '../depends'
import type { MaybePromise, RequestSource } from '../types'
import type { CacheStore } from './cache-store'

/** A value JSON keeps as it is, so a cached answer equals a computed one. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined }

/** Options of {@link cache}. */
export interface CacheOptions<A> {
  /** Names the cached values in the store: two `cache()` dependencies sharing one store need two names. */
  readonly name: string
  /** Where values are kept: `memoryCache()`, or `redisCache()` from `@sluice/redis`. */
  readonly store: CacheStore
  /** Seconds a value is kept. */
  readonly ttl: number
  /**
   * What the value depends on, as JSON, e.g. `({ user, query }) => [user.id, query]`.
   * Default: the request inputs declared (`params`, `query`, `headers`, `cookies`);
   * required when the dependency reads other dependencies (the user is not in the default).
   */
  readonly key?: (inputs: A) => unknown
  /** Tags to invalidate the value by (`store.invalidate(tags)`), e.g. `({ user }) => [\`todos:${user.id}\`]`. */
  readonly tags?: (inputs: A) => readonly string[]
  /** Told when the store fails; the value is computed and served regardless. Default `console.warn`. */
  readonly onStoreError?: (error: unknown) => void
}

const SOURCES: readonly RequestSource[] = ['params', 'query', 'headers', 'cookies']

/**
 * A dependency whose value is computed once and kept in a store for `ttl` seconds,
 * under a key made of its inputs; invalidated early by tag. Concurrent misses of one
 * key in one process wait for a single computation. The value goes through JSON
 * (a hit and a miss give equal values), so `compute` returns JSON values.
 *
 * @example
 * ```ts
 * const store = memoryCache()
 * const stats = cache(
 *   { user: currentUser, db },
 *   ({ user, db }) => todoStats(db, user.id),
 *   { name: 'todo-stats', store, ttl: 60, key: ({ user }) => user.id, tags: ({ user }) => [`todos:${user.id}`] },
 * )
 * route.get('/stats', { deps: { stats } }, ({ stats }) => stats)
 * // after a write: await store.invalidate([`todos:${user.id}`])
 * ```
 */
export function cache<const I extends DependencyInputs, R extends MaybePromise<JsonValue>>(
  inputs: I,
  compute: (inputs: ResolvedInputs<I>) => R,
  options: CacheOptions<ResolvedInputs<I>>,
): Dependency<Awaited<R>, 'request'> {
  const { name, store, ttl, tags, onStoreError = warn } = options
  const keyOf = options.key ?? requestInputsKey(name, inputs)
  /** Computations in flight, by key and the tag versions they were stamped with. */
  const inFlight = new Map<string, Promise<string>>()

  const computeOnce = (id: string, run: () => Promise<string>) => {
    let pending = inFlight.get(id)
    if (!pending) {
      pending = run().finally(() => inFlight.delete(id))
      inFlight.set(id, pending)
    }
    return pending
  }

  const lookup = async (resolved: ResolvedInputs<I>): Promise<string> => {
    const key = `${name}:${JSON.stringify(keyOf(resolved)) ?? ''}`
    const tagList = tags?.(resolved) ?? []
    const read = await store.get(key, tagList).catch((error: unknown) => {
      onStoreError(error)
      return undefined
    })
    if (read?.value !== undefined) return read.value
    const versions = read?.versions
    return computeOnce(`${key} ${versions?.join(',')}`, async () => {
      const value = JSON.stringify(await compute(resolved)) ?? 'null'
      // Without the versions (the store failed to answer), nothing is kept: it could be stale.
      if (versions)
        await store.set(key, value, { ttl, tags: tagList, versions }).catch(onStoreError)
      return value
    })
  }

  const dependency = depends(
    inputs as DependencyInputs,
    (resolved) => lookup(resolved as ResolvedInputs<I>).then((text) => JSON.parse(text)),
    { name },
  )
  return dependency as Dependency<Awaited<R>, 'request'>
}

/** The default key: the request inputs the dependency declares; refused when it reads dependencies. */
function requestInputsKey(name: string, inputs: DependencyInputs) {
  const reads = Object.keys(inputs).filter((input) => !SOURCES.includes(input as RequestSource))
  if (reads.length)
    throw new TypeError(
      `cache() "${name}" reads ${reads.join(', ')}: give it a key that says which of their values it depends on`,
    )
  const declared = SOURCES.filter((source) => source in inputs)
  return (resolved: Record<string, unknown>) => declared.map((source) => resolved[source])
}

function warn(error: unknown): void {
  console.warn('cache(): the store failed; the value was computed without it', error)
}
