import type { PasswordHasher } from './password'

/** Options of {@link bcryptHasher}. */
export interface BcryptOptions {
  /** log2 of the rounds; default 12, passlib's and pwdlib's. */
  readonly cost?: number
}

const ID = '2b'
/** `$2a$`, `$2b$` and PHP's `$2y$`: one algorithm since the fixes of 2011 and 2014, written under three names. */
const BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/
/** A stored hash asking for more rounds is refused, not computed: 2^17 rounds take tens of seconds. */
const MAX_COST = 16
/** bcrypt reads no further into a password. */
const MAX_BYTES = 72

/**
 * bcrypt through `@node-rs/bcrypt` (Rust, computed on libuv's thread pool like
 * argon2id, so the event loop keeps serving while a hash runs; Bun and Deno load
 * it too), to verify the `$2b$…` hashes passlib and pwdlib write when an app moves
 * from FastAPI, the `$2a$` of older libraries and PHP's `$2y$`. It is there for
 * migrating: put it after the preferred hasher in {@link passwordHashing}, and
 * `needsRehash` replaces each bcrypt hash at its user's next login.
 *
 * bcrypt reads only the first 72 bytes of a password, as passlib did: a hash of a
 * longer password matches every password that starts with the same 72 bytes, and
 * nothing tells which of them was set. So such a match is not rehashed
 * (`truncates` says so): the hash stays bcrypt until the user sets a new password.
 *
 * @example
 * ```ts
 * const passwords = passwordHashing(scryptHasher(), bcryptHasher())
 * await passwords.verify('correct horse', '$2b$12$…') // true
 * passwords.needsRehash('$2b$12$…') // true: the next login stores a scrypt hash
 * ```
 */
export function bcryptHasher(options: BcryptOptions = {}): PasswordHasher {
  const cost = options.cost ?? 12
  return {
    id: ID,
    verifies: ['2a', '2b', '2y'],
    hash: async (password) => (await bcrypt()).hash(password, cost),
    async verify(password, stored) {
      const rounds = roundsOf(stored)
      if (rounds === undefined || rounds > MAX_COST) {
        throw new TypeError('Not a bcrypt hash this library can verify')
      }
      return (await bcrypt()).verify(password, stored)
    },
    needsRehash: (stored) => (roundsOf(stored) ?? 0) < cost,
    truncates: (password) => new TextEncoder().encode(password).byteLength > MAX_BYTES,
  }
}

function roundsOf(stored: string): number | undefined {
  const rounds = BCRYPT.exec(stored)?.[1]
  return rounds === undefined ? undefined : Number(rounds)
}

/** Named by a variable so bundlers leave the native module to Node instead of failing on its `.node` file. */
const NATIVE_MODULE = '@node-rs/bcrypt'

/** The native module, loaded on first use: a process that never meets a bcrypt hash never loads it. */
const bcrypt = () => import(NATIVE_MODULE) as Promise<typeof import('@node-rs/bcrypt')>
