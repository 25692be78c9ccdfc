// FastAPI's own tests (tests/*.py, not the tutorial's), replayed against Sluice ports: each topic's
// requests were sent to real FastAPI once (record.ts) and its answers committed in recorded.json,
// so the comparison needs no Python. Counted like the tutorial: `npx tsx docs/tutorial/count.ts docs/fastapi-tests`.
import type { Case, CaseInit, Differs } from '../tutorial/conformance'

/** One request of a topic, as `requests.json` lists it. */
export type Request = readonly [method: string, path: string, init?: CaseInit]

/** What FastAPI answered one request, as record.ts wrote it. */
export interface Recorded {
  readonly request: Request
  readonly status: number
  readonly body?: unknown
  readonly text?: string
  readonly headers?: Readonly<Record<string, string | null>>
}

/** Known gaps this replay found, one reason per change the core awaits (see the tutorial's `pending`). */
export const pending = {} as const satisfies Record<string, Differs>

/** Sluice's deliberate answers found by this replay, each listed in `docs/fastapi-differences.md`. */
export const documented = {
  /** `strictPasswordForm` types `grant_type` as the literal `'password'`: `literal_error`, not a pattern. */
  grantType: "documented: the password form's grant_type is a literal",
} as const satisfies Record<string, Differs>

/** Headers worth comparing; the others (date, server, content-length) say nothing about behaviour. */
export const RECORDED_HEADERS = ['www-authenticate', 'location', 'allow'] as const

/**
 * FastAPI's recorded answers as conformance cases: identical unless `differs` says
 * why not, by the case's index; a documented case gives Sluice's answer instead.
 *
 * @example
 * ```ts
 * conformance('test_put_no_body', app, cases(recorded))
 * ```
 */
export function cases(
  // A JSON import types its arrays loosely; record.ts wrote each entry as a Recorded.
  recorded: readonly unknown[],
  differs: Readonly<Record<number, { readonly differs: Differs } & Partial<Case>>> = {},
): Case[] {
  return (recorded as readonly Recorded[]).map(
    (answer, index) => ({ ...answer, ...differs[index] }) as Case,
  )
}
