import type { PasswordHasher } from './password'

/** What {@link verifyAndUpdate} found. */
export interface VerifiedPassword {
  /** Whether the password matches the hash. */
  readonly valid: boolean
  /** A fresh hash to store when the password matched an outdated hash, else `undefined`. */
  readonly updatedHash: string | undefined
}

/**
 * Verifies a password and, when it matches a hash made with another algorithm
 * or weaker parameters than `hasher` writes now, hashes it afresh: pwdlib's
 * `verify_and_update` in one call. Store `updatedHash` when there is one.
 *
 * @example
 * ```ts
 * import { passwords } from '@sluice/auth/node'
 *
 * const { valid, updatedHash } = await verifyAndUpdate(passwords, form.password, user.hashedPassword)
 * if (!valid) throw new HTTPException(400, 'Incorrect email or password')
 * if (updatedHash) await db.update(users).set({ hashedPassword: updatedHash }).where(eq(users.id, user.id))
 * ```
 */
export async function verifyAndUpdate(
  hasher: PasswordHasher,
  password: string,
  hash: string,
): Promise<VerifiedPassword> {
  const valid = await hasher.verify(password, hash)
  const updatedHash = valid && hasher.needsRehash(hash) ? await hasher.hash(password) : undefined
  return { valid, updatedHash }
}
