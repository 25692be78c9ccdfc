import { type Dependency, depends } from '@sluice/core'
import type { Context } from 'hono'
import { notAuthenticated } from './errors'

/** What every credential dependency accepts. */
export interface CredentialOptions {
  /** The key under `components/securitySchemes`; defaults to FastAPI's name for the scheme. */
  readonly schemeName?: string
  /** Shown in the OpenAPI document. */
  readonly description?: string
  /** Answer a missing or malformed credential with `undefined` instead of a 401. */
  readonly optional?: boolean
}

/** The value of a credential dependency: `T`, or `T | undefined` in optional mode. */
export type Credential<T, O extends CredentialOptions> = O extends { optional: true }
  ? T | undefined
  : T

/** How one scheme finds its credential and what it answers when it cannot. */
export interface CredentialScheme<T> {
  readonly name: string
  readonly scheme: Readonly<Record<string, unknown>>
  /** `WWW-Authenticate` challenge sent with the 401. */
  readonly challenge: string
  /** The credential, or `undefined` if it is missing or malformed. */
  readonly read: (c: Context) => T | undefined
}

/**
 * Builds a security dependency from a scheme: it reads the credential from the
 * request and answers a missing or malformed one with `401 Not authenticated`
 * (or `undefined` in optional mode). The credential is read from the raw request
 * rather than a declared header, query or cookie input so that it appears in the
 * OpenAPI document once, as the security scheme, not also as a parameter.
 */
export function credentialDependency<T, O extends CredentialOptions>(
  scheme: CredentialScheme<T>,
  options: O,
): Dependency<Credential<T, O>, 'request'> {
  const { name, challenge, read } = scheme
  const description = options.description && { description: options.description }
  const security = { name, scheme: { ...scheme.scheme, ...description }, challenge }
  return depends(
    (_inputs, { c }) => {
      const credential = read(c)
      if (credential === undefined && !options.optional) throw notAuthenticated(challenge)
      return credential
    },
    { name, security },
  ) as Dependency<Credential<T, O>, 'request'>
}
