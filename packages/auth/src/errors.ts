import { HTTPException } from '@sluice/core'

/**
 * The answer to a request without usable credentials: `401 {"detail":"Not authenticated"}`
 * with the scheme's challenge in `WWW-Authenticate`.
 *
 * @example
 * ```ts
 * throw notAuthenticated('Bearer')
 * ```
 */
export function notAuthenticated(challenge: string): HTTPException {
  return new HTTPException(401, 'Not authenticated', { 'WWW-Authenticate': challenge })
}

/** Why a token was refused; never sent to the client, so it cannot serve as an oracle. */
export type InvalidTokenReason =
  | 'malformed'
  | 'too_long'
  | 'algorithm'
  | 'unknown_key'
  | 'signature'
  | 'expired'
  | 'not_yet_valid'
  | 'issuer'
  | 'audience'
  | 'claims'

/**
 * A bearer token that failed verification, or whose subject no longer exists:
 * `401 {"detail":"Could not validate credentials"}` with
 * `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750). The `reason`
 * is for logs and tests only.
 *
 * @example
 * ```ts
 * const user = await findUser(db, claims.sub)
 * if (!user) throw new InvalidTokenError('claims')
 * ```
 */
export class InvalidTokenError extends HTTPException {
  readonly reason: InvalidTokenReason

  constructor(reason: InvalidTokenReason, options?: { cause?: unknown }) {
    super(401, 'Could not validate credentials', {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    })
    this.name = 'InvalidTokenError'
    this.reason = reason
    if (options?.cause !== undefined) this.cause = options.cause
  }
}

/**
 * A valid token that lacks a scope the route requires: `403 {"detail":"Not enough permissions"}`
 * with `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750).
 *
 * @example
 * ```ts
 * if (!granted.includes('admin')) throw insufficientScope(['admin'])
 * ```
 */
export function insufficientScope(required: readonly string[]): HTTPException {
  return new HTTPException(403, 'Not enough permissions', {
    'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${required.join(' ')}"`,
  })
}
