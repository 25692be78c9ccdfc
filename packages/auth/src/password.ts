import { type HashingQueue, type HashingRunOptions, sharedHashingQueue } from './hashing-queue'

/**
 * One password hashing algorithm over PHC strings. Made by `pbkdf2Hasher`
 * (WebCrypto, everywhere) or `scryptHasher` (`@sluice/auth/node`), combined by
 * {@link passwordHashing}.
 */
export interface PasswordHasher {
  /** The PHC identifier of the hashes it writes, e.g. `scrypt` or `pbkdf2-sha256`. */
  readonly id: string
  /** The identifiers it can verify. */
  readonly verifies: readonly string[]
  /** Hashes with a fresh random salt; `options` reach the hashing queue, where there is one. */
  hash(password: string, options?: HashingRunOptions): Promise<string>
  /**
   * Whether the password matches; throws a `TypeError` for a hash it cannot read.
   * `options` reach the hashing queue, where there is one (see {@link passwordHashing}).
   */
  verify(password: string, hash: string, options?: HashingRunOptions): Promise<boolean>
  /** Whether the hash was made with another algorithm or weaker parameters than configured. */
  needsRehash(hash: string): boolean
  /**
   * Whether checking `password` against `hash` reads only part of the password
   * (bcrypt: its first 72 bytes), so a match does not prove the whole of it and
   * must not be rehashed: another password with the same start matches too, and
   * may be the one that was set. Absent: never.
   */
  truncates?(password: string, hash: string): boolean
}

/** Options of {@link passwordHashing}, given before the hashers. */
export interface PasswordHashingOptions {
  /** Bounds the hashes computed at once; default {@link sharedHashingQueue}, one per process. */
  readonly queue?: HashingQueue
}

/**
 * Combines hashers: hashes with the first, verifies a hash with whichever
 * hasher reads its PHC identifier, and asks for a rehash of anything the first
 * would not write. That lets an app migrate from one algorithm to another as
 * users log in.
 *
 * Every hash and verification waits for a slot of a {@link HashingQueue}, so a
 * burst cannot hold more than `concurrency` hashes' memory; past its waiting line
 * they fail with a 503 and `Retry-After` (see the queue for the memory this implies).
 * A `{ priority: 'low' }` given to `hash` or `verify` lets every normal hash go first
 * (see {@link HashingQueue}).
 *
 * @example
 * ```ts
 * const passwords = passwordHashing(scryptHasher(), pbkdf2Hasher())
 * const hash = await passwords.hash('correct horse')
 * await passwords.verify('correct horse', hash) // true
 * // A queue of its own: 2 hashes at once (256 MiB of scrypt), 8 more waiting.
 * const bounded = passwordHashing({ queue: new HashingQueue({ concurrency: 2, maxWaiting: 8 }) }, scryptHasher())
 * ```
 */
export function passwordHashing(
  first: PasswordHasher | PasswordHashingOptions,
  ...others: readonly PasswordHasher[]
): PasswordHasher {
  const queue = ('hash' in first ? undefined : first.queue) ?? sharedHashingQueue
  // A combination given as a hasher brings its parts, so no hash waits for two queues.
  const all = ('hash' in first ? [first, ...others] : others).flatMap(
    (hasher) => combined.get(hasher) ?? [hasher],
  )
  const preferred = all[0]
  if (!preferred) throw new TypeError('passwordHashing needs at least one hasher')
  const hasherFor = (hash: string) => {
    const id = /^\$([^$]+)\$/.exec(hash)?.[1]
    const hasher = id && all.find((candidate) => candidate.verifies.includes(id))
    if (hasher) return hasher
    throw new TypeError(
      `No configured password hasher reads ${id ? `"${id}"` : 'this'} hash${hintFor(id)}`,
    )
  }
  const combination: PasswordHasher = {
    id: preferred.id,
    verifies: all.flatMap((hasher) => hasher.verifies),
    hash: (password, options) => queue.run(() => preferred.hash(password), options),
    verify: async (password, hash, options) => {
      // Chosen before queueing, so an unreadable hash fails without waiting for a slot.
      const hasher = hasherFor(hash)
      return queue.run(() => hasher.verify(password, hash), options)
    },
    needsRehash: (hash) => preferred.needsRehash(hash),
    truncates: (password, hash) => hasherFor(hash).truncates?.(password, hash) ?? false,
  }
  combined.set(combination, all)
  return combination
}

/** The hashers each combination is made of: nesting one in another would queue a hash twice. */
const combined = new WeakMap<PasswordHasher, readonly PasswordHasher[]>()

/** Where the hasher for a PHC identifier lives, when this combination lacks it. */
function hintFor(id: string | undefined): string {
  if (id === 'scrypt') return ' (scrypt needs the hasher from @sluice/auth/node)'
  if (id === 'argon2id') return ' (argon2id needs the hasher from @sluice/auth/node)'
  return ''
}
