import { type PasswordHasher, passwordHashing } from './password'
import { pbkdf2Hasher } from './pbkdf2'

export { type ApiKeyLocation, type ApiKeyOptions, apiKey } from './api-key'
export { authorization } from './authorization'
export { type BasicCredentials, type HttpBasicOptions, httpBasic } from './basic'
export {
  type HttpBearerOptions,
  httpBearer,
  type OAuth2PasswordBearerOptions,
  oauth2PasswordBearer,
} from './bearer'
export { type VerifiedClaimsOptions, verifiedClaims } from './claims'
export {
  InvalidTokenError,
  type InvalidTokenReason,
  insufficientScope,
  notAuthenticated,
} from './errors'
export {
  type HashingPriority,
  HashingQueue,
  type HashingQueueOptions,
  type HashingRunOptions,
  sharedHashingQueue,
} from './hashing-queue'
export {
  type AsymmetricAlgorithm,
  type AsymmetricKey,
  type Claims,
  type ClaimsSchema,
  createJwt,
  type HmacAlgorithm,
  type HmacKey,
  type Jwt,
  type JwtCommonOptions,
  type JwtKey,
  type JwtKeyOptions,
  type JwtOptions,
  type JwtVerifier,
  type SignClaims,
  type SignOptions,
  type VerifiedToken,
} from './jwt'
export { type PasswordLoginCheck, type PasswordLoginOptions, passwordLogin } from './login'
export { type PasswordHasher, type PasswordHashingOptions, passwordHashing } from './password'
export { type PasswordForm, passwordForm, strictPasswordForm } from './password-form'
export { PBKDF2_ITERATIONS, type Pbkdf2Options, pbkdf2Hasher } from './pbkdf2'
export type { Credential, CredentialOptions } from './security'
export { timingSafeEqual } from './timing-safe'
export { type VerifiedPassword, verifyAndUpdate } from './verify-and-update'

/**
 * The edge default: PBKDF2-SHA256 through WebCrypto, on every runtime. On Node,
 * import `passwords` (and `hashPassword`, `verifyPassword`, `needsRehash`) from
 * `@sluice/auth/node` instead for scrypt, which also verifies these PBKDF2 hashes.
 *
 * @example
 * ```ts
 * const login = passwordLogin({ hasher: passwords, findUser, passwordHash: (user) => user.hash })
 * ```
 */
export const passwords: PasswordHasher = passwordHashing(pbkdf2Hasher())

/**
 * Hashes a password to a PHC string with PBKDF2-SHA256 (600 000 iterations) via WebCrypto.
 *
 * @example
 * ```ts
 * const hash = await hashPassword('correct horse') // '$pbkdf2-sha256$i=600000$…'
 * ```
 */
export const hashPassword: (password: string) => Promise<string> = passwords.hash

/**
 * Whether a password matches a PBKDF2 PHC hash, compared in constant time. scrypt
 * hashes need `@sluice/auth/node` (WebCrypto has no scrypt) and throw a `TypeError` here.
 *
 * @example
 * ```ts
 * if (await verifyPassword(form.password, user.passwordHash)) { … }
 * ```
 */
export const verifyPassword: (password: string, hash: string) => Promise<boolean> = passwords.verify

/**
 * Whether a hash should be replaced on the next login: another algorithm, or fewer iterations.
 *
 * @example
 * ```ts
 * if (needsRehash(user.passwordHash)) await saveHash(user, await hashPassword(password))
 * ```
 */
export const needsRehash: (hash: string) => boolean = passwords.needsRehash
