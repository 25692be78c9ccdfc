import { depends } from '@sluice/core'
import {
  clientKey,
  memoryStore,
  type RateLimitState,
  type RateLimitStore,
  rateLimit,
} from '@sluice/rate-limit'
import { type Logger, packageLogger } from './logging'
import type { CurrentUser } from './security'
import type { Settings } from './settings'

/** The account a login names, from the form the route has already read (Hono keeps it). */
const loginAccount = depends(
  async (_, { c }) => {
    const form = await c.req.parseBody()
    return String(form.username ?? '')
      .trim()
      .toLowerCase()
  },
  { name: 'loginAccount' },
)

/** Guesses at one account from one client: an office behind one address is not locked out by one account. */
const accountAndClient = (client: ReturnType<typeof clientKey>) =>
  depends({ account: loginAccount, client }, ({ account, client }) => `${client}|${account}`)

const TOO_MANY_LOGINS = 'Too many failed login attempts, try again later'

/**
 * The todo API's rate limits, counted in `store` (this process's memory by
 * default). Each is counted atomically before the route's work, so at most
 * the limit is ever tried per window, however many requests arrive at once.
 * A store that fails is reported to `log`.
 *
 * @example
 * ```ts
 * const limits = rateLimits(settings, currentUser(tokens, db), log)
 * route.post('/todos', { dependencies: [limits.writes], … }, …)
 * ```
 */
export function rateLimits(
  settings: Settings,
  user: CurrentUser,
  log: Logger,
  store: RateLimitStore = memoryStore(),
) {
  const window = settings.LOGIN_WINDOW
  const logger = packageLogger(log)
  // One client: an IPv4 address, or an IPv6 network of RATE_LIMIT_IPV6_PREFIX bits.
  const client = clientKey({ ipv6Prefix: settings.RATE_LIMIT_IPV6_PREFIX })
  return {
    /** Login attempts per (account, client); a successful login gives its point back. */
    login: rateLimit({
      name: 'login',
      points: settings.LOGIN_MAX_FAILURES,
      duration: window,
      key: accountAndClient(client),
      store,
      logger,
      detail: TOO_MANY_LOGINS,
    }),
    /** Login attempts per client over every account: the ceiling on password spraying. */
    loginClient: rateLimit({
      name: 'login-client',
      points: settings.LOGIN_CLIENT_MAX_FAILURES,
      duration: window,
      key: client,
      store,
      logger,
      detail: TOO_MANY_LOGINS,
    }),
    /** Accounts created per client (there is no user yet). */
    register: rateLimit({
      name: 'register',
      points: settings.REGISTER_MAX,
      duration: settings.REGISTER_WINDOW,
      key: client,
      store,
      logger,
    }),
    /** Writes per signed-in user, whatever address they come from. */
    writes: rateLimit({
      name: 'writes',
      points: settings.WRITE_MAX,
      duration: settings.WRITE_WINDOW,
      store,
      logger,
      key: depends({ user }, ({ user }) => `user:${user.id}`),
    }),
  }
}

export type RateLimits = ReturnType<typeof rateLimits>

/**
 * Whether the client spent points of this limit before this request, in its window:
 * on the login limits, failed logins (a success gives its point back) or attempts
 * still in flight. Its logins then hash at low priority, behind everyone else's.
 */
export function triedBefore(state: RateLimitState): boolean {
  return state.remaining < state.points - 1
}
