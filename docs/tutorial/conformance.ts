// The conformance helper: each topic's test is a table of FastAPI's requests and answers, one
// request per case, run against the Sluice twin of FastAPI's tutorial app.
import { describe, expect, test } from 'vitest'

/** How a case relates to FastAPI: identical unless it says why not. */
export type Differs = `documented: ${string}` | `pending: ${string}`

/**
 * Why a case differs today, one reason per change the core awaits, so the count
 * groups pending cases by the fix that will turn them identical.
 */
export const pending = {} as const satisfies Record<string, Differs>

/** Sluice's deliberate answers where FastAPI gives another. */
export const documented = {
  mediaType: 'documented: 415 for a body with another content type',
  allow: 'documented: Allow lists every method',
  head: 'documented: HEAD answered on GET routes',
  emptyBearer: 'documented: an empty bearer token is 401',
  credentials: 'documented: credentials are never echoed',
  bodyLimit: 'documented: a default body limit',
  serverError: 'documented: 500 bodies are JSON',
  bigIntegers: 'documented: integers beyond 2^53-1 are 422',
  /** FastAPI's `APIRouter(prefix="/items")` with `@router.get("/")` serves `/items/`; Hono's mergePath gives `/items`. */
  prefixSlash: 'documented: a router prefix joined with "/" is the prefix, as Hono joins paths',
  /** A `Date` in a response is written by `Date.prototype.toJSON`: `…00.000Z`, where Pydantic writes `+00:00`. */
  datetimes: 'documented: datetimes in responses are written as JavaScript writes them',
  /** Hono's `cors` middleware answers a preflight `204` with no body; Starlette `200 OK`. */
  corsPreflight: "documented: a CORS preflight answers 204, as Hono's cors middleware does",
} as const satisfies Record<string, Differs>

/** What a case sends besides method and path; `form` with a `File` becomes multipart. */
export interface CaseInit {
  readonly headers?: Readonly<Record<string, string>> | readonly (readonly [string, string])[]
  /** Sent as `application/json`. */
  readonly json?: unknown
  /**
   * Sent urlencoded, or as multipart when a value is a file (a `File`, or `{file, name}`
   * as a recorded request writes one); an array repeats the key.
   */
  readonly form?: Readonly<Record<string, FormValue | readonly FormValue[]>>
  /** Sent as given, with whatever `content-type` the headers say. */
  readonly body?: string
}

/** A file as JSON can hold it: its text content and, optionally, its name. */
export interface RecordedFile {
  readonly file: string
  readonly name?: string
}

/** One form value: text, a file, or a file written as JSON. */
export type FormValue = string | File | RecordedFile

/** One request and the answer expected of it. */
export interface Case {
  readonly request: readonly [method: string, path: string, init?: CaseInit]
  readonly status: number
  /** The JSON body (compared deeply); leave out to check the status only. */
  readonly body?: unknown
  /** A text body, for answers that are not JSON. */
  readonly text?: string
  /** Parts the body must contain, where FastAPI's test checks no more. */
  readonly contains?: readonly string[]
  /** Headers the answer must carry; `null` for one it must not. */
  readonly headers?: Readonly<Record<string, string | null>>
  /** Sluice's deliberate answer (`documented:`) or a known gap awaiting the core (`pending:`). */
  readonly differs?: Differs
}

/** Anything with Hono's `request()`: the twin apps. */
export interface Requestable {
  request(path: string, init?: RequestInit): Response | Promise<Response>
}

/** The kind of a case, the first word of its test's name, which `count.ts` tallies. */
export type Kind = 'identical' | 'documented' | 'pending'

export const kindOf = (item: Case): Kind =>
  item.differs === undefined
    ? 'identical'
    : item.differs.startsWith('pending')
      ? 'pending'
      : 'documented'

/**
 * Registers one test per case for a twin app. Identical and documented cases
 * assert the answer given; pending cases are registered with `test.fails`, so they
 * assert FastAPI's answer and turn red the day the core gives it: then flip them.
 *
 * @example
 * ```ts
 * conformance('path_params/tutorial002', app, [
 *   { request: ['GET', '/items/1'], status: 200, body: { item_id: 1 } },
 * ])
 * ```
 */
export function conformance(name: string, app: Requestable, cases: readonly Case[]): void {
  describe(name, () => {
    for (const [index, item] of cases.entries()) {
      const kind = kindOf(item)
      const [method, path] = item.request
      const title = `${kind} #${index + 1} ${method} ${path} → ${item.status}${item.differs ? ` (${item.differs})` : ''}`
      const run = kind === 'pending' ? test.fails : test
      run(title, () => check(app, item))
    }
  })
}

async function check(app: Requestable, item: Case): Promise<void> {
  const [method, path, init] = item.request
  const response = await app.request(path, requestInit(method, init))
  const text = await response.text()
  for (const part of item.contains ?? []) expect(text).toContain(part)
  const answer = {
    status: response.status,
    ...(item.body !== undefined && { body: parse(text) }),
    ...(item.text !== undefined && { text }),
    ...(item.headers && { headers: pickHeaders(response.headers, item.headers) }),
  }
  expect(answer).toEqual({
    status: item.status,
    ...(item.body !== undefined && { body: item.body }),
    ...(item.text !== undefined && { text: item.text }),
    ...(item.headers && { headers: item.headers }),
  })
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function pickHeaders(headers: Headers, expected: Readonly<Record<string, string | null>>) {
  return Object.fromEntries(Object.keys(expected).map((name) => [name, headers.get(name)]))
}

/** The request a case sends, also what `docs/fastapi-tests/record.ts` sends to FastAPI. */
export function requestInit(method: string, init: CaseInit = {}): RequestInit {
  const headers = new Headers(init.headers as HeadersInit | undefined)
  let body: BodyInit | null = init.body ?? null
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(init.json)
  }
  if (init.form) body = formBody(init.form)
  return { method, headers, body }
}

const asFile = ({ file, name }: RecordedFile) => new File([file], name ?? 'upload')

function formBody(form: NonNullable<CaseInit['form']>): URLSearchParams | FormData {
  const entries = Object.entries(form).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map(
      (item: FormValue) =>
        [key, typeof item === 'object' && !(item instanceof File) ? asFile(item) : item] as const,
    ),
  )
  if (!entries.some(([, value]) => value instanceof File)) {
    return new URLSearchParams(entries as [string, string][])
  }
  const data = new FormData()
  for (const [key, value] of entries) data.append(key, value)
  return data
}
