import type { Context } from 'hono'

/** Where a limit stands for one key after a request was counted. */
export interface LimitStatus {
  /** The policy's name, a structured-field string. */
  readonly name: string
  /** Points per window (`q`). */
  readonly points: number
  /** The window in seconds (`w`). */
  readonly duration: number
  /** Points left in the window (`r`). */
  readonly remaining: number
  /** Seconds until the window resets (`t`). */
  readonly reset: number
}

/** The two header fields of draft-ietf-httpapi-ratelimit-headers, as structured-field lists. */
export interface RateLimitFields {
  readonly 'RateLimit-Policy': string
  readonly RateLimit: string
}

/** `"<name>"` as an RFC 8941 string: backslashes and quotes escaped. */
export const sfString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`

/** Whether a name can be a structured-field string: printable ASCII only. */
export const isPrintableAscii = (text: string) => /^[\x20-\x7e]*$/.test(text)

const policyItem = (s: LimitStatus) => `${sfString(s.name)};q=${s.points};w=${s.duration}`
const statusItem = (s: LimitStatus) => `${sfString(s.name)};r=${s.remaining};t=${s.reset}`

/** The limits already counted for a request, so each one adds its item to the same lists. */
const counted = new WeakMap<Context, LimitStatus[]>()

/**
 * Adds a limit's status to the request's RateLimit fields and returns them, each
 * a comma-separated list with one item per limit the request was counted by.
 * Sets them on the context, so the successful response carries them too.
 */
export function addRateLimitFields(c: Context, status: LimitStatus): RateLimitFields {
  const others = (counted.get(c) ?? []).filter((s) => s.name !== status.name)
  const all = [...others, status]
  counted.set(c, all)
  const fields = {
    'RateLimit-Policy': all.map(policyItem).join(', '),
    RateLimit: all.map(statusItem).join(', '),
  }
  c.header('RateLimit-Policy', fields['RateLimit-Policy'])
  c.header('RateLimit', fields.RateLimit)
  return fields
}
