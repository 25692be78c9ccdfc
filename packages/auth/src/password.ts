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
  /** Hashes with a fresh random salt. */
  hash(password: string): Promise<string>
  /** Whether the password matches; throws a `TypeError` for a hash it cannot read. */
  verify(password: string, hash: string): Promise<boolean>
  /** Whether the hash was made with another algorithm or weaker parameters than configured. */
  needsRehash(hash: string): boolean
}

/**
 * Combines hashers: hashes with the first, verifies a hash with whichever
 * hasher reads its PHC identifier, and asks for a rehash of anything the first
 * would not write. That lets an app migrate from one algorithm to another as
 * users log in.
 *
 * @example
 * ```ts
 * const passwords = passwordHashing(scryptHasher(), pbkdf2Hasher())
 * const hash = await passwords.hash('correct horse')
 * await passwords.verify('correct horse', hash) // true
 * ```
 */
export function passwordHashing(
  preferred: PasswordHasher,
  ...others: readonly PasswordHasher[]
): PasswordHasher {
  const all = [preferred, ...others]
  const hasherFor = (hash: string) => {
    const id = /^\$([^$]+)\$/.exec(hash)?.[1]
    const hasher = id && all.find((candidate) => candidate.verifies.includes(id))
    if (hasher) return hasher
    const hint = id === 'scrypt' ? ' (scrypt needs the hasher from @sluice/auth/node)' : ''
    throw new TypeError(
      `No configured password hasher reads ${id ? `"${id}"` : 'this'} hash${hint}`,
    )
  }
  return {
    id: preferred.id,
    verifies: all.flatMap((hasher) => hasher.verifies),
    hash: (password) => preferred.hash(password),
    verify: async (password, hash) => hasherFor(hash).verify(password, hash),
    needsRehash: (hash) => preferred.needsRehash(hash),
  }
}
