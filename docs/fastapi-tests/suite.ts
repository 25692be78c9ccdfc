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
export const pending = {
  /**
   * A parameter model whose field has an alias, sent the field's name instead: FastAPI's
   * missing-field issue echoes that value in `input`; Sluice leaves it out (the reader keys
   * what it keeps by schema key, where the name would be taken for the field).
   */
  aliasEcho: "pending: a model's missing aliased field echoes a value sent under its name",
} as const satisfies Record<string, Differs>

/** Sluice's deliberate answers found by this replay, each listed in `docs/fastapi-differences.md`. */
export const documented = {
  /** `strictPasswordForm` types `grant_type` as the literal `'password'`: `literal_error`, not a pattern. */
  grantType: "documented: the password form's grant_type is a literal",
  /** The Fetch API joins a repeated header with `, `; a list field splits it on commas. */
  headerList: 'documented: a header list is split on commas',
} as const satisfies Record<string, Differs>

/**
 * A header model's missing field echoes every header sent: the recording's client sent its
 * own (`host` with the port, `user-agent`…), the replay sends none. The answer is compared
 * with that part of `input` replaced by the replay's headers.
 */
export function withReplayHeaders(
  answer: unknown,
  headers: Readonly<Record<string, string>> = {},
): { body: unknown } {
  const body = structuredClone(answer) as { detail: { input?: unknown }[] }
  for (const issue of body.detail) if (issue.input !== undefined) issue.input = { ...headers }
  return { body }
}

/** Headers worth comparing; the others (date, server, content-length) say nothing about behaviour. */
export const RECORDED_HEADERS = ['www-authenticate', 'location', 'allow'] as const

/**
 * FastAPI's recorded answers as conformance cases: identical unless `differs` says
 * why not, by the case's index; a documented case gives Sluice's answer instead. An
 * override without `differs` only adjusts a part of the answer that depends on the
 * recording's client (see {@link withReplayHeaders}).
 *
 * @example
 * ```ts
 * conformance('test_put_no_body', app, cases(recorded))
 * ```
 */
export function cases(
  // A JSON import types its arrays loosely; record.ts wrote each entry as a Recorded.
  recorded: readonly unknown[],
  differs: Readonly<Record<number, Partial<Case>>> = {},
): Case[] {
  return (recorded as readonly Recorded[]).map((answer, index) => {
    const override = differs[index]
    // A JSON body given in place of a recorded text answer replaces it.
    const { text: _, ...withoutText } = answer
    return { ...(override?.body === undefined ? answer : withoutText), ...override } as Case
  })
}
