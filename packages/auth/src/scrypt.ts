import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { PasswordHasher } from './password'
import { formatPhc, parsePhc } from './phc'

/** Options of {@link scryptHasher}; defaults follow OWASP's advice (N=2^17, r=8, p=1). */
export interface ScryptOptions {
  /** log2 of the CPU/memory cost N; default 17 (N = 131072, 128 MiB of memory). */
  readonly logCost?: number
  /** Block size r; default 8. */
  readonly blockSize?: number
  /** Parallelization p; default 1. */
  readonly parallelization?: number
}

const ID = 'scrypt'
const SALT_BYTES = 16
const KEY_BYTES = 32
/** The largest N we agree to compute for a stored hash, so a planted hash cannot exhaust memory. */
const MAX_LOG_COST = 20

/**
 * scrypt through `node:crypto`, the Node default. Writes
 * `$scrypt$ln=17,r=8,p=1$salt$hash` (the PHC format as passlib writes it).
 *
 * @example
 * ```ts
 * import { scryptHasher } from '@sluice/auth/node'
 * const passwords = scryptHasher()
 * const hash = await passwords.hash('correct horse')
 * ```
 */
export function scryptHasher(options: ScryptOptions = {}): PasswordHasher {
  const params = {
    ln: options.logCost ?? 17,
    r: options.blockSize ?? 8,
    p: options.parallelization ?? 1,
  }
  return {
    id: ID,
    verifies: [ID],
    async hash(password) {
      const salt = new Uint8Array(randomBytes(SALT_BYTES))
      const hash = await derive(password, salt, params, KEY_BYTES)
      return formatPhc({ id: ID, params, salt, hash })
    },
    async verify(password, hash) {
      const stored = parsePhc(hash)
      const { ln, r, p } = stored?.params ?? {}
      if (
        stored?.id !== ID ||
        !ln ||
        !r ||
        !p ||
        ln > MAX_LOG_COST ||
        stored.hash.byteLength < 16
      ) {
        throw new TypeError('Not a scrypt PHC hash this library can verify')
      }
      const derived = await derive(password, stored.salt, { ln, r, p }, stored.hash.byteLength)
      return timingSafeEqual(derived, stored.hash)
    },
    needsRehash(hash) {
      const stored = parsePhc(hash)
      if (stored?.id !== ID) return true
      const { ln = 0, r = 0, p = 0 } = stored.params
      return ln < params.ln || r < params.r || p < params.p
    },
  }
}

function derive(
  password: string,
  salt: Uint8Array,
  { ln, r, p }: { ln: number; r: number; p: number },
  bytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const N = 2 ** ln
  // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes plus headroom.
  const maxmem = 256 * N * r
  return new Promise((resolve, reject) => {
    scrypt(password, salt, bytes, { N, r, p, maxmem }, (error, key) => {
      if (error) reject(error)
      else resolve(new Uint8Array(key))
    })
  })
}
