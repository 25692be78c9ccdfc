import type { ContentfulStatusCode, ContentlessStatusCode } from 'hono/utils/http-status'

/**
 * The statuses an answer may have: any with a body, and 204, 205 and 304, which
 * have none. Not 1xx: a web `Response` cannot carry an informational status.
 */
export type ResponseStatusCode = ContentfulStatusCode | Exclude<ContentlessStatusCode, 101>

/**
 * Throw from a handler or dependency to answer with an HTTP error.
 *
 * The body is `{"detail": detail}`, as FastAPI sends it, or RFC 9457
 * problem+json when the app is created with `errorFormat: 'problem'`.
 *
 * @example
 * ```ts
 * const todo = await findTodo(db, params.id)
 * if (!todo) throw new HTTPException(404, 'Todo not found')
 * ```
 */
export class HTTPException extends Error {
  readonly status: ResponseStatusCode
  readonly detail: unknown
  readonly headers: Readonly<Record<string, string>> | undefined

  constructor(status: ResponseStatusCode, detail?: unknown, headers?: Record<string, string>) {
    const text = detail ?? statusText(status)
    super(typeof text === 'string' ? text : JSON.stringify(text))
    this.name = 'HTTPException'
    this.status = status
    this.detail = text
    this.headers = headers
  }
}

/** One problem with one input value, in FastAPI's shape. */
export interface ValidationIssue {
  /** Where the value was: the source (`body`, `query`, `path`, `header`, `cookie`) then the keys. */
  loc: (string | number)[]
  msg: string
  type: string
  input?: unknown
  ctx?: Record<string, unknown>
}

/**
 * Every problem found in a request's inputs, answered with
 * `422 {"detail": ValidationIssue[]}`. Thrown by Sluice; rarely by users.
 *
 * @example
 * ```ts
 * throw new RequestValidationError([
 *   { loc: ['body', 'email'], msg: 'Email already taken', type: 'value_error' },
 * ])
 * ```
 */
export class RequestValidationError extends Error {
  readonly issues: readonly ValidationIssue[]
  /** The request body as it was received (parsed JSON, or a form's fields), when the route reads one: FastAPI's `exc.body`. */
  readonly body: unknown

  constructor(issues: readonly ValidationIssue[], body?: unknown) {
    super(`Request validation failed with ${issues.length} issue(s)`)
    this.name = 'RequestValidationError'
    this.issues = issues
    this.body = body
  }
}

/**
 * The client went away before its request body had arrived (Starlette's
 * `ClientDisconnect`). Nobody is left to answer: it is logged by the request log
 * as `499 Client Closed Request`, never as a server error.
 */
export class ClientDisconnect extends Error {
  constructor(cause: unknown) {
    super('The client closed the connection before its request body had arrived', { cause })
    this.name = 'ClientDisconnect'
  }
}

/**
 * A handler returned a value that does not match its declared response schema:
 * a bug in the server, answered with a plain 500 and logged with the issues.
 */
export class ResponseValidationError extends Error {
  readonly issues: readonly ValidationIssue[]

  constructor(route: string, issues: readonly ValidationIssue[]) {
    super(`Response of ${route} does not match its schema: ${JSON.stringify(issues)}`)
    this.name = 'ResponseValidationError'
    this.issues = issues
  }
}

/** How error bodies are written: FastAPI's `{"detail": …}` or RFC 9457 problem details. */
export type ErrorFormat = 'fastapi' | 'problem'

/** Statuses whose answers have no body (FastAPI's `is_body_allowed_for_status_code`). */
export const forbidsBody = (status: number): boolean =>
  status < 200 || status === 204 || status === 205 || status === 304

/**
 * Builds the JSON error response for a status and detail in the app's chosen format;
 * for a status that forbids a body, only the status and headers, as FastAPI answers.
 */
export function errorResponse(
  format: ErrorFormat,
  status: number,
  detail: unknown,
  headers?: Readonly<Record<string, string>>,
): Response {
  if (forbidsBody(status)) return new Response(null, headers ? { status, headers } : { status })
  const problem = format === 'problem'
  const body = problem ? problemBody(status, detail) : { detail }
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': problem ? 'application/problem+json' : 'application/json' },
  })
  if (headers)
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value)
  return response
}

function problemBody(status: number, detail: unknown) {
  const title = statusText(status)
  const base = { type: 'about:blank', title, status }
  if (Array.isArray(detail)) return { ...base, detail: title, errors: detail }
  return { ...base, detail }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** The reason phrase of a status code, or `Error` for codes without a common one. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? 'Error'
}
