import { HTTPException } from '@sluice/core'
import type { HashingRunOptions } from './hashing-queue'
import type { PasswordHasher } from './password'
import { pbkdf2Hasher } from './pbkdf2'

/** The check {@link passwordLogin} makes: the user, or `undefined`. */
export type PasswordLoginCheck<U> = (
  username: string,
  password: string,
  options?: HashingRunOptions,
) => Promise<U | undefined>

/** Options of {@link passwordLogin}. */
export interface PasswordLoginOptions<U> {
  /** Looks a user up by the name they log in with. */
  readonly findUser: (username: string) => U | undefined | null | Promise<U | undefined | null>
  /** The user's stored PHC hash. */
  readonly passwordHash: (user: U) => string
  /** The hashing in use; default PBKDF2 (`@sluice/auth/node`'s `passwordLogin` defaults to scrypt). */
  readonly hasher?: PasswordHasher
  /**
   * Called after a successful login whose hash is weaker than the hasher now writes, with a
   * fresh hash to store; skipped (until the next login) when the hashing queue is full, and
   * when the match read only part of the password (a bcrypt hash and a password past 72
   * bytes: see `bcryptHasher`), which then keeps its hash until the user sets a new password.
   */
  readonly rehash?: (user: U, hash: string) => unknown
  /**
   * Told when a user's stored hash cannot be read (malformed, or of an algorithm no
   * configured hasher reads), with the hasher's `TypeError`; the login is refused
   * as a wrong password would be. Default: `console.error`. Never given the hash itself.
   */
  readonly onUnreadableHash?: (user: U, error: TypeError) => void
}

/**
 * A login check that spends the same time whether or not the user exists: an
 * unknown user name is verified against a dummy hash made by the same hasher,
 * so response time does not reveal which accounts exist. Resolves to the user,
 * or `undefined` for an unknown user or a wrong password, without saying which.
 *
 * Its `options` reach the hashing queue: give `{ priority: 'low' }` to logins of
 * clients that failed recently, so a flood of guesses waits behind, and is refused
 * before, the logins of everyone else (see `HashingQueue`).
 *
 * @example
 * ```ts
 * const login = passwordLogin({
 *   findUser: (email) => db.query.users.findFirst({ where: eq(users.email, email) }),
 *   passwordHash: (user) => user.passwordHash,
 * })
 * const user = await login(form.username, form.password)
 * if (!user) throw new HTTPException(401, 'Incorrect username or password', { 'WWW-Authenticate': 'Bearer' })
 * // A client whose last attempts failed: behind everyone else.
 * await login(form.username, form.password, { priority: 'low' })
 * ```
 */
export function passwordLogin<U>(options: PasswordLoginOptions<U>): PasswordLoginCheck<U> {
  const hasher = options.hasher ?? pbkdf2Hasher()
  let dummy: Promise<string> | undefined
  // Made on first use, not at import: Workers forbid random values at global scope.
  const dummyHash = () => {
    // Forgotten if it fails (a full hashing queue's 503), so the next login makes it again.
    dummy ??= hasher.hash(crypto.randomUUID()).catch((error: unknown) => {
      dummy = undefined
      throw error
    })
    return dummy
  }
  const unreadable =
    options.onUnreadableHash ??
    ((_user: U, error: TypeError) => console.error('A stored password hash cannot be read', error))
  /**
   * Whether the password matches the user's hash. A hash nobody can read is refused as a
   * wrong password, after the same full-cost verification, so neither a 500 nor a quick
   * answer tells which accounts carry one.
   */
  const matches = async (
    user: U,
    password: string,
    hash: string,
    decoy: string,
    queueing?: HashingRunOptions,
  ) => {
    try {
      return await hasher.verify(password, hash, queueing)
    } catch (error) {
      if (!(error instanceof TypeError)) throw error
      unreadable(user, error)
      await hasher.verify(password, decoy, queueing)
      return false
    }
  }
  return async (username, password, queueing) => {
    const decoy = await dummyHash()
    const user = (await options.findUser(username)) ?? undefined
    if (user === undefined) {
      await hasher.verify(password, decoy, queueing)
      return undefined
    }
    const hash = options.passwordHash(user)
    if (!(await matches(user, password, hash, decoy, queueing))) return undefined
    // A match that read only part of the password (bcrypt past 72 bytes) cannot say which password was set.
    if (options.rehash && hasher.needsRehash(hash) && !hasher.truncates?.(password, hash)) {
      const fresh = await hashUnlessBusy(hasher, password)
      if (fresh) await options.rehash(user, fresh)
    }
    return user
  }
}

/**
 * A new hash, or `undefined` when the hashing queue is full (its 503): the
 * password was right, so the login succeeds and the upgrade waits for the next one.
 */
async function hashUnlessBusy(hasher: PasswordHasher, password: string) {
  try {
    return await hasher.hash(password)
  } catch (error) {
    if (error instanceof HTTPException && error.status === 503) return undefined
    throw error
  }
}
