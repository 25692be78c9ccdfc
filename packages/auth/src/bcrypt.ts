import { compare, getRounds, hash } from 'bcryptjs'
import type { PasswordHasher } from './password'

/** Options of {@link bcryptHasher}. */
export interface BcryptOptions {
  /** log2 of the rounds; default 12, passlib's and pwdlib's. */
  readonly cost?: number
}

const ID = '2b'
const BCRYPT = /^\$2[ab]\$(\d\d)\$[./A-Za-z0-9]{53}$/
/** 2^16 rounds take seconds in JavaScript: a stored hash asking for more is refused, not computed. */
const MAX_COST = 16

/**
 * bcrypt through `bcryptjs` (plain JavaScript, so it runs on every runtime,
 * Workers included), to verify the `$2b$…` hashes passlib and pwdlib write when
 * an app moves from FastAPI. It is there for migrating: put it after the
 * preferred hasher in {@link passwordHashing}, and `needsRehash` replaces each
 * bcrypt hash at its user's next login. bcrypt reads only the first 72 bytes of
 * a password, as passlib did.
 *
 * @example
 * ```ts
 * const passwords = passwordHashing(pbkdf2Hasher(), bcryptHasher())
 * await passwords.verify('correct horse', '$2b$12$…') // true
 * passwords.needsRehash('$2b$12$…') // true: the next login stores a PBKDF2 hash
 * ```
 */
export function bcryptHasher(options: BcryptOptions = {}): PasswordHasher {
  const cost = options.cost ?? 12
  return {
    id: ID,
    verifies: ['2a', '2b'],
    hash: (password) => hash(password, cost),
    async verify(password, stored) {
      const rounds = BCRYPT.exec(stored)?.[1]
      if (!rounds || Number(rounds) > MAX_COST) {
        throw new TypeError('Not a bcrypt hash this library can verify')
      }
      return compare(password, stored)
    },
    needsRehash: (stored) => !BCRYPT.test(stored) || getRounds(stored) < cost,
  }
}
