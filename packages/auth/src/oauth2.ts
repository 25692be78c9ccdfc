import type { Dependency } from '@sluice/core'
import { authorization } from './authorization'
import { type Credential, type CredentialOptions, credentialDependency } from './security'

/** The scopes an OAuth2 flow grants, each with a description. */
type Scopes = Readonly<Record<string, string>>

/** OpenAPI's OAuth Flows Object: how clients obtain a token, by flow. */
export interface OAuth2Flows {
  readonly implicit?: {
    readonly authorizationUrl: string
    readonly refreshUrl?: string
    readonly scopes: Scopes
  }
  readonly password?: {
    readonly tokenUrl: string
    readonly refreshUrl?: string
    readonly scopes: Scopes
  }
  readonly clientCredentials?: {
    readonly tokenUrl: string
    readonly refreshUrl?: string
    readonly scopes: Scopes
  }
  readonly authorizationCode?: {
    readonly authorizationUrl: string
    readonly tokenUrl: string
    readonly refreshUrl?: string
    readonly scopes: Scopes
  }
}

/** Options of {@link oauth2}. */
export interface OAuth2Options extends CredentialOptions {
  /** The flows the OpenAPI document describes. */
  readonly flows: OAuth2Flows
}

/**
 * A generic OAuth2 scheme, FastAPI's `OAuth2(flows=…)`: hands the dependency the
 * whole `Authorization` header, whatever its scheme, answers a missing one with
 * `401 Not authenticated` and `WWW-Authenticate: Bearer`, and documents the flows.
 * For a scheme of your own; most APIs want {@link oauth2PasswordBearer} or
 * {@link oauth2AuthorizationCodeBearer}.
 *
 * @example
 * ```ts
 * const auth = oauth2({ flows: { clientCredentials: { tokenUrl: '/token', scopes: {} } } })
 * route.get('/me', { deps: { auth } }, ({ auth }) => auth) // 'Bearer eyJ…' as sent
 * ```
 */
export function oauth2<const O extends OAuth2Options>(
  options: O,
): Dependency<Credential<string, O>, 'request'> {
  return credentialDependency(
    {
      name: options.schemeName ?? 'OAuth2',
      scheme: { type: 'oauth2', flows: options.flows },
      challenge: 'Bearer',
      read: (c) => c.req.header('authorization') || undefined,
    },
    options,
  )
}

/** Options of {@link oauth2AuthorizationCodeBearer}. */
export interface OAuth2AuthorizationCodeBearerOptions extends CredentialOptions {
  /** Where users authorize the client. */
  readonly authorizationUrl: string
  /** Where the client exchanges the code for a token. */
  readonly tokenUrl: string
  /** Where the client refreshes a token, if the API supports it. */
  readonly refreshUrl?: string
  /** Every scope the API knows, with a description. */
  readonly scopes?: Scopes
}

/**
 * The bearer token of the OAuth2 authorization code flow, FastAPI's
 * `OAuth2AuthorizationCodeBearer`: reads `Authorization: Bearer <token>` as
 * {@link oauth2PasswordBearer} does, and documents the authorization code flow.
 *
 * @example
 * ```ts
 * const token = oauth2AuthorizationCodeBearer({ authorizationUrl: '/authorize', tokenUrl: '/token' })
 * const claims = verifiedClaims(token, jwt)
 * ```
 */
export function oauth2AuthorizationCodeBearer<const O extends OAuth2AuthorizationCodeBearerOptions>(
  options: O,
): Dependency<Credential<string, O>, 'request'> {
  const { authorizationUrl, tokenUrl, refreshUrl, scopes = {} } = options
  const authorizationCode = {
    authorizationUrl,
    tokenUrl,
    ...(refreshUrl && { refreshUrl }),
    scopes,
  }
  return credentialDependency(
    {
      name: options.schemeName ?? 'OAuth2AuthorizationCodeBearer',
      scheme: { type: 'oauth2', flows: { authorizationCode } },
      challenge: 'Bearer',
      read: (c) => authorization(c, 'Bearer'),
    },
    options,
  )
}
