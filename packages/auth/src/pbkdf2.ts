import type { PasswordHasher } from './password'
import { formatPhc, parsePhc } from './phc'
import { timingSafeEqual } from './timing-safe'

/** Options of {@link pbkdf2Hasher}. */
export interface Pbkdf2Options {
  /** PBKDF2 rounds; default 600 000, OWASP's advice for PBKDF2-HMAC-SHA256. */
  readonly iterations?: number
}

/** OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA256 with 600 000 iterations. */
export const PBKDF2_ITERATIONS = 600_000
const ID = 'pbkdf2-sha256'
const SALT_BYTES = 16
const KEY_BYTES = 32

/**
 * PBKDF2-HMAC-SHA256 through WebCrypto, for runtimes without scrypt (Workers,
 * Deno, browsers). Writes `$pbkdf2-sha256$i=600000$salt$hash`.
 *
 * @example
 * ```ts
 * const passwords = pbkdf2Hasher()
 * const hash = await passwords.hash('correct horse')
 * await passwords.verify('correct horse', hash) // true
 * ```
 */
export function pbkdf2Hasher(options: Pbkdf2Options = {}): PasswordHasher {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS
  return {
    id: ID,
    verifies: [ID],
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
      const hash = await derive(password, salt, iterations, KEY_BYTES)
      return formatPhc({ id: ID, params: { i: iterations }, salt, hash })
    },
    async verify(password, hash) {
      const stored = parsePhc(hash)
      const rounds = stored?.params.i
      if (stored?.id !== ID || !rounds || stored.hash.byteLength < 16) {
        throw new TypeError('Not a pbkdf2-sha256 PHC hash')
      }
      const derived = await derive(password, stored.salt, rounds, stored.hash.byteLength)
      return timingSafeEqual(derived, stored.hash)
    },
    needsRehash(hash) {
      const stored = parsePhc(hash)
      return stored?.id !== ID || (stored.params.i ?? 0) < iterations
    },
  }
}

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bytes: number,
) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  )
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    bytes * 8,
  )
  return new Uint8Array(bits)
}
