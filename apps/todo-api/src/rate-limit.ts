import { HTTPException } from '@sluice/core'

/**
 * Counts failed logins per client in a sliding window held in memory (one
 * process; put it in Redis or the database when running several instances).
 * Once a client reaches the limit, logins answer 429 with `Retry-After` until the
 * window has passed, even with the right password, so guessing cannot continue.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>()

  constructor(
    private readonly maxFailures: number,
    private readonly windowSeconds: number,
  ) {}

  /** Throws 429 when the client has failed too often recently. */
  check(client: string): void {
    const recent = this.#recent(client)
    if (recent.length < this.maxFailures) return
    const retryAfter = Math.ceil(
      ((recent[0] as number) + this.windowSeconds * 1000 - Date.now()) / 1000,
    )
    throw new HTTPException(429, 'Too many failed login attempts, try again later', {
      'Retry-After': String(Math.max(retryAfter, 1)),
    })
  }

  /**
   * Records a failed login. A success clears nothing: otherwise anyone with an
   * account could log into it between guesses at another one and never be throttled.
   */
  fail(client: string): void {
    this.#failures.set(client, [...this.#recent(client), Date.now()])
  }

  #recent(client: string): number[] {
    const since = Date.now() - this.windowSeconds * 1000
    const recent = (this.#failures.get(client) ?? []).filter((time) => time > since)
    if (recent.length === 0) this.#failures.delete(client)
    return recent
  }
}
