import type { Dependency } from '@sluice/core'
import { authorization } from './authorization'
import { notAuthenticated } from './errors'
import { type Credential, type CredentialOptions, credentialDependency } from './security'

/** A user name and password from `Authorization: Basic …`. */
export interface BasicCredentials {
  readonly username: string
  readonly password: string
}

/** Options of {@link httpBasic}. */
export interface HttpBasicOptions extends CredentialOptions {
  /** Sent in the challenge, `WWW-Authenticate: Basic realm="…"`. */
  readonly realm?: string
}

/**
 * HTTP Basic credentials, FastAPI's `HTTPBasic`: decodes
 * `Authorization: Basic base64(username:password)` (UTF-8, RFC 7617) and
 * answers a missing or undecodable one with `401 Not authenticated` and
 * `WWW-Authenticate: Basic` (in `optional` mode, a missing one or another scheme
 * gives `undefined`; an undecodable Basic credential is still a 401, as in FastAPI). Compare the password with {@link verifyPassword}
 * or a constant-time check, never `===`.
 *
 * @example
 * ```ts
 * const credentials = httpBasic({ realm: 'admin' })
 * const admin = route.get('/admin', { deps: { credentials } }, ({ credentials }) => credentials.username)
 * ```
 */
export function httpBasic<const O extends HttpBasicOptions = {}>(
  options: O = {} as O,
): Dependency<Credential<BasicCredentials, O>, 'request'> {
  const challenge = options.realm ? `Basic realm="${options.realm}"` : 'Basic'
  return credentialDependency(
    {
      name: options.schemeName ?? 'HTTPBasic',
      scheme: { type: 'http', scheme: 'basic' },
      challenge,
      read: (c) => {
        const encoded = authorization(c, 'Basic')
        if (encoded === undefined) return undefined
        // A Basic credential that does not decode is refused even in optional mode, as FastAPI refuses it.
        const credentials = decodeBasic(encoded)
        if (!credentials) throw notAuthenticated(challenge)
        return credentials
      },
    },
    options,
  )
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function decodeBasic(encoded: string): BasicCredentials | undefined {
  if (!BASE64.test(encoded)) return undefined
  let text: string
  try {
    const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0))
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
  const colon = text.indexOf(':')
  if (colon < 0) return undefined
  return { username: text.slice(0, colon), password: text.slice(colon + 1) }
}
