import type { Context } from 'hono'
import type { StatusCode } from 'hono/utils/http-status'
import * as v from 'valibot'
import { fastCheck } from '#fast-checks'
import { forbidsBody, ResponseValidationError } from './errors'
import { type Exclude, type ExcludeOptions, excluder } from './exclude'
import { stripper } from './filter'
import { model } from './model'
import { isResponded } from './respond'
import type { ResponseDraft } from './response-draft'
import { withBodyText } from './response-text'
import type { AnySchema } from './types'
import { toValidationIssues } from './validation/issues'
import { laxConverter } from './validation/lax'
import { type FastCheck, UNPROVEN } from './validation/unproven'

/** How a route declares one response: a schema, `{ schema?, description? }`, or `null` for no body. */
export type ResponseSpec =
  | AnySchema
  | null
  | { readonly schema?: AnySchema; readonly description?: string }

/** One declared response, ready to check and filter bodies. */
export interface CompiledResponse {
  readonly schema: AnySchema | undefined
  readonly description: string | undefined
  readonly strip: (value: unknown) => unknown
  /** The schema's fast check (`#fast-checks`), found once here rather than per answer. */
  readonly check: FastCheck | undefined
  /** Leaves fields out after validation, when the route asks for it (`excludeUnset` …). */
  readonly exclude?: Exclude | undefined
}

/** A route's declared responses by status. */
export type ResponseTable = ReadonlyMap<number, CompiledResponse>

/** Normalizes declared responses once, building each schema's filter. */
export function compileResponses(declared: Readonly<Record<number, ResponseSpec>>): ResponseTable {
  const table = new Map<number, CompiledResponse>()
  for (const [status, spec] of Object.entries(declared)) {
    const schema = spec === null ? undefined : 'kind' in spec ? spec : spec.schema
    const description = spec !== null && !('kind' in spec) ? spec.description : undefined
    table.set(Number(status), {
      schema,
      description,
      strip: schema ? stripper(schema) : (value) => value,
      check: schema && fastCheck(schema),
    })
  }
  return table
}

/** The same table, each response leaving out the fields `options` name. */
export function withExclusions(table: ResponseTable, options: ExcludeOptions): ResponseTable {
  const shaped = new Map<number, CompiledResponse>()
  for (const [status, response] of table) {
    const exclude = response.schema && excluder(response.schema, options)
    shaped.set(status, exclude ? { ...response, exclude } : response)
  }
  return shaped
}

/** What a route needs to turn a handler's result into a response. */
export interface ResponsePlan {
  readonly status: StatusCode
  readonly responses: ResponseTable
  readonly validate: boolean
  readonly name: string
}

/**
 * Turns a handler's result into the response: a raw `Response` passes through;
 * any other body is validated against (or, with validation off, filtered by) the
 * schema declared for its status, so undeclared fields never leave the server.
 * Statuses without a body (204, 304 …) send none.
 */
export function render(
  c: Context,
  result: unknown,
  plan: ResponsePlan,
  draft: ResponseDraft,
): Response {
  if (result instanceof Response) return result
  let status: StatusCode = plan.status
  let body = result
  let headers: Readonly<Record<string, string>> | undefined
  const responded = isResponded(result)
  if (responded) ({ status, body, headers } = result)
  const spec = plan.responses.get(status)
  if (spec?.schema) {
    const returned = body
    body = plan.validate ? checked(spec.schema, spec.check, body, plan.name) : spec.strip(body)
    if (spec.exclude) body = spec.exclude(returned, body)
  }
  if (!responded && draft.status !== undefined) status = draft.status
  if (forbidsBody(status)) return draft.applyHeaders(c.body(null, status, headers))
  // What `c.json` does, with the text kept for middleware that hashes the body (see response-text).
  const text = JSON.stringify(body === undefined ? null : body)
  const response = c.body(text, status as never, { 'Content-Type': 'application/json', ...headers })
  return draft.applyHeaders(withBodyText(c, response, text))
}

function checked(
  schema: AnySchema,
  check: FastCheck | undefined,
  body: unknown,
  name: string,
): unknown {
  const output = check ? check(body) : UNPROVEN
  if (output !== UNPROVEN) return output
  const result = v.safeParse(schema, body)
  if (result.success) return result.output
  const lax = inLaxMode(schema, body) ?? result
  if (lax.success) return lax.output
  throw new ResponseValidationError(name, toValidationIssues('body', lax.issues))
}

/**
 * FastAPI validates a returned value in Pydantic's lax mode (`"1.0"` for a float is
 * sent as `1.0`). Tried only once the strict check has failed, so a valid body pays
 * nothing, and on a copy, so the handler's value is left as it was.
 */
function inLaxMode(schema: AnySchema, body: unknown) {
  let copy: unknown
  try {
    copy = structuredClone(body)
  } catch {
    return undefined
  }
  return v.safeParse(schema, laxConverter(schema)(copy))
}

/** The body of `{"detail": …}` error responses, for declaring them: `responses: { 404: HTTPError }`. */
export const HTTPError = model('HTTPError', v.object({ detail: v.string() }))
