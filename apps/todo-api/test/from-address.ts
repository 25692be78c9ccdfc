/*
 * An HTTP request sent from a source address of the test's choosing, so one
 * machine can be many clients: any address of 127.0.0.0/8, or the IPv6
 * addresses a test gave its own network namespace (see ./netns).
 */
import { request } from 'node:http'

/** One request, sent from the local address `from`, with a form or a JSON body. */
export interface SourcedRequest {
  readonly from: string
  readonly method: string
  readonly path: string
  readonly form?: Record<string, string>
  readonly json?: unknown
}

/**
 * Sends `sourced` to the server at `base` on a connection of its own, and
 * resolves with the status once the answer has been read.
 *
 * @example
 * ```ts
 * const status = await requestFrom(url, { from: '127.0.1.1', method: 'POST', path: '/auth/token', form })
 * ```
 */
export function requestFrom(base: string, sourced: SourcedRequest): Promise<number> {
  const { from, method, path, form, json } = sourced
  const body = form ? new URLSearchParams(form).toString() : JSON.stringify(json ?? null)
  const type = form ? 'application/x-www-form-urlencoded' : 'application/json'
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      { method, localAddress: from, agent: false, headers: { 'content-type': type } },
      (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)),
    )
    req.on('error', reject).end(body)
  })
}
