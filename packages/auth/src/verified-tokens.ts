/**
 * Remembers tokens that verified, so a client presenting the same token again
 * skips the signature check, as API gateways' JWT caches do (Envoy's jwt_authn).
 * The whole token string is the key, so only a token that verified byte for
 * byte is ever a hit: a forged or altered one is not. An entry serves only
 * while the token's own `exp` (and `nbf`) allow it, without the clock
 * tolerance — near those edges the full check runs and decides — and the least
 * recently used entries go first once `max` are kept. A claims schema runs when
 * a token is first verified, not on hits: keep time-dependent checks out of it.
 */
export class VerifiedTokens<T> {
  readonly #entries = new Map<
    string,
    { readonly value: T; readonly from: number; readonly until: number }
  >()

  constructor(readonly max: number) {}

  /** What `token` verified to, if it is remembered and still within its lifetime at `now` (seconds). */
  get(token: string, now: number): T | undefined {
    const entry = this.#entries.get(token)
    if (!entry || now < entry.from) return undefined
    this.#entries.delete(token)
    if (now >= entry.until) return undefined
    // Moved to the end: the Map's order is then least recently used first.
    this.#entries.set(token, entry)
    return entry.value
  }

  /** Remembers what `token` verified to, for the lifetime its `exp` and `nbf` give (seconds). */
  set(
    token: string,
    value: T,
    lifetime: { readonly exp: number; readonly nbf?: number | undefined },
  ): void {
    if (!this.#entries.has(token) && this.#entries.size >= this.max) {
      const leastRecent = this.#entries.keys().next()
      if (!leastRecent.done) this.#entries.delete(leastRecent.value)
    }
    this.#entries.set(token, { value, from: lifetime.nbf ?? 0, until: lifetime.exp })
  }
}
