import type { PasswordHasher } from './password'

/** Options of {@link argon2idHasher}; defaults are RFC 9106's second choice, pwdlib's and argon2-cffi's. */
export interface Argon2idOptions {
  /** Memory in KiB; default 65 536 (64 MiB per hash while it runs). */
  readonly memoryCost?: number
  /** Passes over the memory; default 3. */
  readonly timeCost?: number
  /** Lanes; default 4. */
  readonly parallelism?: number
}

const ID = 'argon2id'
/** `Algorithm.Argon2id` of @node-rs/argon2, a `const enum` that isolated modules cannot import. */
const ARGON2ID = 2
/** The most memory (KiB) we agree to spend on a stored hash, so a planted hash cannot exhaust memory. */
const MAX_MEMORY_KIB = 2 ** 20
const MAX_TIME_COST = 16
const ARGON2_PHC =
  /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}$/

/**
 * argon2id through `@node-rs/argon2` (Rust, computed on libuv's thread pool, so
 * the event loop keeps serving while a hash runs; Bun and Deno load it too).
 * Writes `$argon2id$v=19$m=65536,t=3,p=4$salt$hash`, the hashes pwdlib — FastAPI's
 * tutorial — and argon2-cffi write, so a FastAPI user table verifies as it is.
 *
 * @example
 * ```ts
 * import { argon2idHasher, scryptHasher } from '@sluice/auth/node'
 * const passwords = passwordHashing(argon2idHasher(), scryptHasher())
 * const hash = await passwords.hash('correct horse') // '$argon2id$v=19$m=65536,t=3,p=4$…'
 * ```
 */
export function argon2idHasher(options: Argon2idOptions = {}): PasswordHasher {
  const params = {
    memoryCost: options.memoryCost ?? 65_536,
    timeCost: options.timeCost ?? 3,
    parallelism: options.parallelism ?? 4,
  }
  return {
    id: ID,
    verifies: [ID],
    hash: async (password) => (await argon2()).hash(password, { ...params, algorithm: ARGON2ID }),
    async verify(password, stored) {
      const cost = costOf(stored)
      if (!cost || cost.memoryCost > MAX_MEMORY_KIB || cost.timeCost > MAX_TIME_COST) {
        throw new TypeError('Not an argon2id PHC hash this library can verify')
      }
      return (await argon2()).verify(stored, password)
    },
    needsRehash(stored) {
      const cost = costOf(stored)
      return (
        !cost ||
        cost.memoryCost < params.memoryCost ||
        cost.timeCost < params.timeCost ||
        cost.parallelism < params.parallelism
      )
    },
  }
}

/** Named by a variable so bundlers leave the native module to Node instead of failing on its `.node` file. */
const NATIVE_MODULE = '@node-rs/argon2'

/**
 * The native module, loaded on first use: a process that never meets an argon2
 * hash (Deno, which asks for a permission to load it, or an app on scrypt) never loads it.
 */
const argon2 = () => import(NATIVE_MODULE) as Promise<typeof import('@node-rs/argon2')>

function costOf(stored: string) {
  const match = ARGON2_PHC.exec(stored)
  if (!match) return undefined
  const [, m, t, p] = match.map(Number) as [number, number, number, number]
  return { memoryCost: m, timeCost: t, parallelism: p }
}
