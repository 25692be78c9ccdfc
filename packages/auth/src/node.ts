/**
 * Node-only additions to `@sluice/auth`: scrypt password hashing through
 * `node:crypto`. Everything else lives in `@sluice/auth`, which runs anywhere.
 */
import { availableParallelism } from 'node:os'
import { HashingQueue } from './hashing-queue'
import { passwordLogin as loginWith, type PasswordLoginOptions } from './login'
import { passwordHashing } from './password'
import { pbkdf2Hasher } from './pbkdf2'
import { scryptHasher } from './scrypt'

export { type ScryptOptions, scryptHasher } from './scrypt'

/**
 * The bound of {@link passwords}: one hash per logical CPU at a time, 4 per CPU
 * waiting, and a 503 with `Retry-After` past that. At scrypt's 128 MiB a hash,
 * the hashes hold at most 128 MiB × CPUs (256 MiB on 2 CPUs, 1 GiB on 8).
 */
export const nodeHashingQueue: HashingQueue = new HashingQueue({
  concurrency: availableParallelism(),
})

/**
 * The Node default: scrypt (N=2^17, r=8, p=1) for new hashes, and it also
 * verifies PBKDF2 hashes written on edge runtimes (and asks to rehash them).
 * Every hash waits for a slot of {@link nodeHashingQueue}.
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
 * Whether a password matches a scrypt or PBKDF2 PHC hash, compared in constant time.
 *
 * @example
 * ```ts
 * if (await verifyPassword(form.password, user.passwordHash)) { … }
 * ```
 */
export const verifyPassword: (password: string, hash: string) => Promise<boolean> = passwords.verify

/**
 * Whether a hash should be replaced on the next login: PBKDF2, or scrypt weaker than the default.
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
export function passwordLogin<U>(
  options: PasswordLoginOptions<U>,
): (username: string, password: string) => Promise<U | undefined> {
  return loginWith({ hasher: passwords, ...options })
}
