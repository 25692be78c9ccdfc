import type { WSMessageReceive } from 'hono/ws'
import * as v from 'valibot'
import type { ValidationIssue } from '../errors'
import type { AnySchema } from '../types'
import { toValidationIssues } from '../validation/issues'

/** A client's message, once parsed and validated; one over the size bound is not parsed at all. */
export type Parsed =
  | { ok: true; value: unknown }
  | { ok: false; issues: ValidationIssue[] }
  | { ok: false; tooBig: true }

/**
 * Parses a message as JSON and validates it, with issues located under
 * `message`; a message over `maxBytes` is not parsed at all.
 */
export function messageParser(
  schema: AnySchema | undefined,
  maxBytes: number,
): (data: WSMessageReceive) => Parsed {
  return (data) => {
    if (exceeds(data, maxBytes)) return { ok: false, tooBig: true }
    let json: unknown
    try {
      json = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as never))
    } catch {
      return {
        ok: false,
        issues: [{ loc: ['message'], msg: 'Invalid JSON', type: 'json_invalid' }],
      }
    }
    if (!schema) return { ok: true, value: json }
    const result = v.safeParse(schema, json)
    if (result.success) return { ok: true, value: result.output }
    const issues = toValidationIssues('body', result.issues).map((issue) => ({
      ...issue,
      loc: ['message', ...issue.loc.slice(1)],
    }))
    return { ok: false, issues }
  }
}

/** Whether a message is over `maxBytes`; a string is measured exactly only when its length leaves a doubt. */
function exceeds(data: WSMessageReceive, maxBytes: number): boolean {
  if (typeof data !== 'string')
    return (data instanceof Blob ? data.size : data.byteLength) > maxBytes
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit, so the length bounds the size both ways.
  if (data.length > maxBytes) return true
  if (data.length * 3 <= maxBytes) return false
  return new TextEncoder().encode(data).byteLength > maxBytes
}
