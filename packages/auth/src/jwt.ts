import {
  createLocalJWKSet,
  errors,
  type JSONWebKeySet,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyOptions,
  jwtVerify,
  type KeyObject,
  SignJWT,
} from 'jose'
import * as v from 'valibot'
import { InvalidTokenError, type InvalidTokenReason } from './errors'
import { VerifiedTokens } from './verified-tokens'

/** HMAC algorithms, keyed with a shared secret. */
export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512'
/** Public-key algorithms, keyed with a key pair. */
export type AsymmetricAlgorithm = 'RS256' | 'ES256' | 'EdDSA'

/** A key as jose accepts it: a WebCrypto key, a JWK, or (on Node) a KeyObject. */
export type JwtKey = CryptoKey | JWK | KeyObject

/** One HMAC secret; `kid` tells several apart during rotation. */
export interface HmacKey {
  readonly kid?: string
  /** At least as many bytes as the hash's output (32 for HS256); shorter is refused unless `legacyShortSecret`. */
  readonly secret: string | Uint8Array
}

/** One key pair; without `privateKey` it only verifies. */
export interface AsymmetricKey {
  readonly kid?: string
  readonly publicKey: JwtKey
  readonly privateKey?: JwtKey
}

/** The payload schema checked after verification: its output is what `verify` returns. */
export type ClaimsSchema = v.GenericSchema<Record<string, unknown>, Record<string, unknown>>

/** What every JWT factory is configured with, whatever its keys. */
export interface JwtCommonOptions<S extends ClaimsSchema | undefined> {
  /** Set as `iss` when signing and required when verifying. */
  readonly issuer?: string
  /** Set as `aud` when signing and required when verifying. */
  readonly audience?: string | readonly string[]
  /** Lifetime of signed tokens, seconds or a jose time span like `'15m'`. Default `'15m'`. */
  readonly expiresIn?: number | string
  /** Clock skew allowed for `exp` and `nbf`, seconds or a time span. Default `'5s'`. */
  readonly clockTolerance?: number | string
  /** Longer tokens are refused before any parsing. Default 8192 characters. */
  readonly maxTokenLength?: number
  /** A valibot schema for the payload, checked after the signature and registered claims. */
  readonly claims?: S
  /**
   * Remembers up to this many tokens that verified, so the same token presented
   * again skips the signature check until its `exp` (the whole token string is
   * the key: a token that differs in any byte is verified in full). Worth it
   * where clients send one token with many requests; each entry holds the
   * token and its claims (up to `maxTokenLength` characters). The claims
   * schema runs at the first verification only, so keep time-dependent checks
   * out of it. Default `0`: every token is verified in full.
   */
  readonly cache?: number
  /**
   * Accepts HMAC secrets shorter than the hash's output (under 32 bytes for
   * HS256), which are refused by default: for an app moved from elsewhere that
   * must keep its production secret until every token signed with it has
   * expired. Each short secret is reported through `logger.warn` when the
   * factory is made. Rotate: sign with a new, long secret under a new `kid`,
   * keep the legacy one in `keys` to verify until the longest-lived old token
   * (a refresh token's lifetime) has expired, then drop it and this option.
   */
  readonly legacyShortSecret?: boolean
  /** Where the warning of {@link JwtCommonOptions.legacyShortSecret} goes. Default `console`. */
  readonly logger?: { warn(message: string): void }
}

/** The keys of a JWT factory: one HMAC secret, HMAC keys, a key pair, key pairs, or a local JWKS. */
export type JwtKeyOptions =
  | { readonly algorithm: HmacAlgorithm; readonly secret: string | Uint8Array }
  | { readonly algorithm: HmacAlgorithm; readonly keys: readonly HmacKey[] }
  | {
      readonly algorithm: AsymmetricAlgorithm
      readonly publicKey: JwtKey
      readonly privateKey?: JwtKey
    }
  | { readonly algorithm: AsymmetricAlgorithm; readonly keys: readonly AsymmetricKey[] }
  | { readonly algorithms: readonly AsymmetricAlgorithm[]; readonly jwks: JSONWebKeySet }

/** Options of {@link createJwt}. */
export type JwtOptions<S extends ClaimsSchema | undefined = undefined> = JwtKeyOptions &
  JwtCommonOptions<S>

/** The claims `verify` returns: the schema's output, or the raw payload without a schema. */
export type Claims<S> = S extends ClaimsSchema ? v.InferOutput<S> : JWTPayload

/** Claims the factory sets itself when signing. */
type RegisteredClaim = 'iss' | 'aud' | 'exp' | 'nbf' | 'iat' | 'jti' | 'scope'

/** The claims `sign` accepts: the schema's input without the claims the factory sets. */
export type SignClaims<S> = S extends ClaimsSchema
  ? Omit<v.InferInput<S>, RegisteredClaim>
  : Omit<JWTPayload, RegisteredClaim>

/** Per-token options of `sign`. */
export interface SignOptions {
  /** Overrides the factory's lifetime for this token. */
  readonly expiresIn?: number | string
  /** Not valid before this time: a Date, or seconds or a time span like `'1m'` from now. */
  readonly notBefore?: Date | number | string
  /** Granted scopes, written space separated to the `scope` claim (RFC 8693). */
  readonly scopes?: readonly string[]
  /** A unique token id (`jti`). */
  readonly jti?: string
}

/** A successfully verified token. */
export interface VerifiedToken<C> {
  /** The payload after the claims schema. */
  readonly claims: C
  /** The scopes granted by the `scope` claim. */
  readonly scopes: readonly string[]
  readonly header: JWTHeaderParameters
}

/** Verifies tokens; made by {@link createJwt}. */
export interface JwtVerifier<C> {
  /** Verifies a compact JWT; throws {@link InvalidTokenError} (a 401) if anything is wrong with it. */
  verify(token: string): Promise<VerifiedToken<C>>
}

/** Signs and verifies tokens; made by {@link createJwt}. */
export interface Jwt<C, I = C> extends JwtVerifier<C> {
  /** Signs claims with the first signing key, setting `iss`, `aud`, `iat`, `exp` and `kid`. */
  sign(claims: I, options?: SignOptions): Promise<string>
}

const MIN_SECRET_BYTES: Record<HmacAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 }
const DEFAULT_MAX_TOKEN_LENGTH = 8192

/** A key as jose takes it, or an HMAC secret's CryptoKey, imported on first use. */
type KeySource = JwtKey | Uint8Array | (() => Promise<CryptoKey>)

interface ResolvedKey {
  readonly kid: string | undefined
  readonly verify: KeySource
  readonly sign: KeySource | undefined
}

const use = (key: KeySource) => (typeof key === 'function' ? key() : key)

/**
 * Creates a JWT signer and verifier, configured once: the algorithm allow-list,
 * the keys (several, told apart by `kid`, during rotation), issuer, audience,
 * lifetime, clock tolerance and a valibot schema for the claims. Verification
 * refuses `alg: none`, algorithms outside the configuration, bad signatures,
 * expired or not-yet-valid tokens, wrong issuer or audience, tokens without
 * `exp`, malformed or over-long tokens, and claims that fail the schema.
 *
 * @example
 * ```ts
 * const jwt = createJwt({
 *   algorithm: 'HS256',
 *   secret: env.JWT_SECRET, // at least 32 bytes
 *   issuer: 'todo-api',
 *   claims: v.object({ sub: v.string() }),
 * })
 * const token = await jwt.sign({ sub: '42' }, { scopes: ['todos:read'] })
 * const { claims, scopes } = await jwt.verify(token)
 * ```
 */
export function createJwt<const S extends ClaimsSchema | undefined = undefined>(
  options: Extract<JwtKeyOptions, { jwks: JSONWebKeySet }> & JwtCommonOptions<S>,
): JwtVerifier<Claims<S>>
export function createJwt<const S extends ClaimsSchema | undefined = undefined>(
  options: Exclude<JwtKeyOptions, { jwks: JSONWebKeySet }> & JwtCommonOptions<S>,
): Jwt<Claims<S>, SignClaims<S>>
export function createJwt(options: JwtOptions<ClaimsSchema | undefined>): Jwt<unknown, never> {
  const maxLength = options.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH
  const verifyOptions: JWTVerifyOptions = {
    algorithms: 'jwks' in options ? [...options.algorithms] : [options.algorithm],
    clockTolerance: options.clockTolerance ?? '5s',
    requiredClaims: ['exp'],
    ...(options.issuer !== undefined && { issuer: options.issuer }),
    ...(options.audience !== undefined && { audience: [options.audience].flat() }),
  }
  const keys = 'jwks' in options ? undefined : resolveKeys(options, legacyPolicy(options))
  const keyFor = keys
    ? keyResolver(keys)
    : createLocalJWKSet((options as { jwks: JSONWebKeySet }).jwks)
  const signer = keys?.find((key) => key.sign !== undefined)
  const verified = options.cache
    ? new VerifiedTokens<VerifiedToken<unknown>>(options.cache)
    : undefined

  return {
    async verify(token) {
      // Checked before any decoding, so a huge header cannot cost parsing time.
      if (token.length > maxLength) throw new InvalidTokenError('too_long')
      const remembered = verified?.get(token, Math.floor(Date.now() / 1000))
      if (remembered) return remembered
      let result: Awaited<ReturnType<typeof jwtVerify>>
      try {
        result = await jwtVerify(token, keyFor as Parameters<typeof jwtVerify>[1], verifyOptions)
      } catch (error) {
        throw new InvalidTokenError(reasonOf(error), { cause: error })
      }
      const claims = options.claims ? v.safeParse(options.claims, result.payload) : undefined
      if (claims && !claims.success) throw new InvalidTokenError('claims')
      const outcome: VerifiedToken<unknown> = Object.freeze({
        // Frozen: with a cache, requests presenting the same token share this object.
        claims: Object.freeze(claims ? claims.output : result.payload),
        scopes: Object.freeze(scopesOf(result.payload.scope)),
        header: result.protectedHeader,
      })
      // requiredClaims makes jose refuse a token without a numeric `exp`.
      verified?.set(token, outcome, result.payload as { exp: number; nbf?: number })
      return outcome
    },
    async sign(claims, signOptions = {}) {
      if (!signer || 'jwks' in options) {
        throw new TypeError('This JWT factory has no signing key: it can only verify')
      }
      const scope = signOptions.scopes && { scope: signOptions.scopes.join(' ') }
      const header = { alg: options.algorithm, typ: 'JWT', ...(signer.kid && { kid: signer.kid }) }
      const jwt = new SignJWT({ ...(claims as JWTPayload), ...scope })
        .setProtectedHeader(header)
        .setIssuedAt()
        .setExpirationTime(fromNow(signOptions.expiresIn ?? options.expiresIn ?? '15m'))
      if (options.issuer) jwt.setIssuer(options.issuer)
      if (options.audience) jwt.setAudience([options.audience].flat())
      if (signOptions.notBefore !== undefined) jwt.setNotBefore(fromNow(signOptions.notBefore))
      if (signOptions.jti) jwt.setJti(signOptions.jti)
      return jwt.sign((await use(signer.sign as KeySource)) as Parameters<SignJWT['sign']>[0])
    },
  }
}

type KeyedOptions = Exclude<JwtKeyOptions, { jwks: JSONWebKeySet }>

/** What to do with an HMAC secret under the minimum: refuse it, or accept it and say so. */
type ShortSecretPolicy = ((algorithm: HmacAlgorithm, bytes: number) => void) | undefined

function legacyPolicy(options: JwtCommonOptions<ClaimsSchema | undefined>): ShortSecretPolicy {
  if (!options.legacyShortSecret) return undefined
  const logger = options.logger ?? console
  return (algorithm, bytes) =>
    logger.warn(
      `SECURITY WARNING: an ${algorithm} secret of ${bytes} bytes is in use, under the at least ` +
        `${MIN_SECRET_BYTES[algorithm]} bytes that make HMAC tokens hard to forge; it is accepted ` +
        'only because legacyShortSecret is set. Rotate it: sign with a new secret of full length ' +
        'under a new kid, keep this one to verify until its tokens have expired, then remove it.',
    )
}

/** Every configured key, secrets encoded and checked for length once, at configuration time. */
function resolveKeys(options: KeyedOptions, shortSecret: ShortSecretPolicy): ResolvedKey[] {
  const keys: readonly (HmacKey | AsymmetricKey)[] =
    'keys' in options
      ? options.keys
      : 'secret' in options
        ? [{ secret: options.secret }]
        : [options]
  if (keys.length === 0) throw new TypeError('createJwt needs at least one key')
  // One key may go without a kid: it verifies tokens that carry none, such as those signed before a rotation.
  const kids = keys.map((key) => key.kid)
  if (new Set(kids).size !== kids.length) {
    throw new TypeError('With several keys, each needs a distinct kid (one may have none)')
  }
  return keys.map((key) => {
    if ('secret' in key) {
      const algorithm = options.algorithm as HmacAlgorithm
      const secret = hmacKey(algorithm, hmacSecret(algorithm, key.secret, shortSecret))
      return { kid: key.kid, verify: secret, sign: secret }
    }
    return { kid: key.kid, verify: key.publicKey, sign: key.privateKey }
  })
}

function hmacSecret(
  algorithm: HmacAlgorithm,
  secret: string | Uint8Array,
  shortSecret: ShortSecretPolicy,
): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  const minimum = MIN_SECRET_BYTES[algorithm]
  if (!(algorithm in MIN_SECRET_BYTES)) throw new TypeError(`Not an HMAC algorithm: ${algorithm}`)
  if (bytes.byteLength < minimum) {
    if (!shortSecret || bytes.byteLength === 0) {
      throw new TypeError(`A ${algorithm} secret needs at least ${minimum} bytes`)
    }
    shortSecret(algorithm, bytes.byteLength)
  }
  return bytes
}

/**
 * An HMAC secret as a CryptoKey, imported once, on first use (Workers allow no
 * crypto at global scope): given raw bytes, jose imports the key on every call,
 * a measurable share of each request's verification.
 */
function hmacKey(algorithm: HmacAlgorithm, secret: Uint8Array): () => Promise<CryptoKey> {
  let key: Promise<CryptoKey> | undefined
  const hash = `SHA-${algorithm.slice(2)}`
  return () => {
    key ??= crypto.subtle.importKey(
      'raw',
      secret as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash },
      false,
      ['sign', 'verify'],
    )
    return key
  }
}

/** Picks the verification key by the token's `kid`; without one, a lone key or the key without a kid applies. */
function keyResolver(keys: readonly ResolvedKey[]) {
  return (header: JWTHeaderParameters) => {
    const key =
      header.kid === undefined && keys.length === 1
        ? keys[0]
        : keys.find((candidate) => candidate.kid === header.kid)
    if (!key) throw new errors.JWKSNoMatchingKey()
    return use(key.verify)
  }
}

/** jose reads a number as an absolute timestamp; ours are durations from now, like jose's strings. */
function fromNow(time: Date | number | string): Date | number | string {
  return typeof time === 'number' ? Math.floor(Date.now() / 1000) + time : time
}

/** Maps jose's errors to reasons; anything unexpected counts as malformed. */
function reasonOf(error: unknown): InvalidTokenReason {
  if (error instanceof errors.JWTExpired) return 'expired'
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'not_yet_valid'
    if (error.claim === 'iss') return 'issuer'
    if (error.claim === 'aud') return 'audience'
    return 'claims'
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'algorithm'
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_key'
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature'
  return 'malformed'
}

/** The `scope` claim: space separated (RFC 8693), or a list as some issuers write it. */
function scopesOf(scope: unknown): readonly string[] {
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean)
  if (Array.isArray(scope)) return scope.filter((item): item is string => typeof item === 'string')
  return []
}
