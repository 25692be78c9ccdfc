/**
 * Node-only additions to `@sluice/auth` (Bun and Deno load them too): scrypt
 * through `node:crypto`, argon2id through `@node-rs/argon2`, bcrypt through
 * `@node-rs/bcrypt`, each computed off the event loop. Everything else lives in `@sluice/auth`, which runs anywhere.
 */
import { availableParallelism } from 'node:os'
import { argon2idHasher } from './argon2'
import { bcryptHasher } from './bcrypt'
import { HashingQueue } from './hashing-queue'
import {
  passwordLogin as loginWith,
  type PasswordLoginCheck,
  type PasswordLoginOptions,
} from './login'
import { passwordHashing } from './password'
import { pbkdf2Hasher } from './pbkdf2'
import { scryptHasher } from './scrypt'

export { type Argon2idOptions, argon2idHasher } from './argon2'
export { type BcryptOptions, bcryptHasher } from './bcrypt'
export { type ScryptOptions, scryptHasher } from './scrypt'

/**
 * The bound of {@link passwords}: one hash per logical CPU at a time, 4 per CPU
 * waiting, and a 503 with `Retry-After` past that. At scrypt's 128 MiB a hash,
 * the hashes hold at most 128 MiB × CPUs (256 MiB on 2 CPUs, 1 GiB on 8); argon2id
 * verifications of migrated hashes hold 64 MiB each.
 */
export const nodeHashingQueue: HashingQueue = new HashingQueue({
  concurrency: availableParallelism(),
})

/**
 * The Node default: scrypt (N=2^17, r=8, p=1) for new hashes; it also verifies
 * argon2id and bcrypt hashes (pwdlib's and passlib's, from a FastAPI app) and
 * PBKDF2 hashes written on edge runtimes, and asks to rehash them all. Every
 * hash waits for a slot of {@link nodeHashingQueue}.
 *
 * @example
 * ```ts
 * import { passwords } from '@sluice/auth/node'
 * const login = passwordLogin({ hasher: passwords, … })
 * ```
 */
export const passwords = passwordHashing(
  { queue: nodeHashingQueue },
  scryptHasher(),
  argon2idHasher(),
  bcryptHasher(),
  pbkdf2Hasher(),
)

/**
 * Hashes a password to a PHC string with scrypt at OWASP's parameters.
 *
 * @example
 * ```ts
 * const hash = await hashPassword('correct horse') // '$scrypt$ln=17,r=8,p=1$…'
 * ```
 */
export const hashPassword: (password: string) => Promise<string> = passwords.hash

/**
 * Whether a password matches a scrypt, argon2id, bcrypt or PBKDF2 hash, compared in constant time.
 *
 * @example
 * ```ts
 * if (await verifyPassword(form.password, user.passwordHash)) { … }
 * ```
 */
export const verifyPassword: (password: string, hash: string) => Promise<boolean> = passwords.verify

/**
 * Whether a hash should be replaced on the next login: argon2id, bcrypt, PBKDF2, or scrypt weaker than the default.
 *
 * @example
 * ```ts
 * if (needsRehash(user.passwordHash)) await saveHash(user, await hashPassword(password))
 * ```
 */
export const needsRehash: (hash: string) => boolean = passwords.needsRehash

/**
 * {@link loginWith | passwordLogin} with the scrypt default hasher: same time
 * whether or not the user exists.
 *
 * @example
 * ```ts
 * const login = passwordLogin({ findUser, passwordHash: (user) => user.passwordHash })
 * ```
 */
export function passwordLogin<U>(options: PasswordLoginOptions<U>): PasswordLoginCheck<U> {
  return loginWith({ hasher: passwords, ...options })
}
