/**
 * The correctness pass: every contender must answer every case of the
 * contract with the expected status and, for successes, the exact body.
 * Error bodies are each framework's own, so only their status is compared.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Case } from './spec'

/** Checks one case against a running server; returns what differed, or nothing. */
export async function checkCase(url: string, test: Case): Promise<string | undefined> {
  const init: RequestInit = { method: test.method }
  if (test.body !== undefined) {
    init.body = JSON.stringify(test.body)
    init.headers = { 'content-type': 'application/json' }
  }
  const response = await fetch(url + test.path, init)
  const text = await response.text()
  if (response.status !== test.status)
    return `${test.name}: status ${response.status}, expected ${test.status} (${text.slice(0, 200)})`
  if (!test.json) return undefined
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `${test.name}: body is not JSON: ${text.slice(0, 200)}`
  }
  if (!matches(body, test.json))
    return `${test.name}: body ${text.slice(0, 200)}, expected ${JSON.stringify(test.json)}`
  return undefined
}

function matches(body: unknown, expected: Record<string, unknown>): boolean {
  if (typeof body !== 'object' || body === null) return false
  const actual = { ...(body as Record<string, unknown>) }
  if (expected.id === 'any-number') {
    if (typeof actual.id !== 'number') return false
    actual.id = 'any-number'
  }
  return isDeepStrictEqual(actual, expected)
}

/** Every failing case of a server, as messages. */
export async function checkAll(url: string, cases: readonly Case[]): Promise<string[]> {
  const failures: string[] = []
  for (const test of cases) {
    const failure = await checkCase(url, test)
    if (failure) failures.push(failure)
  }
  return failures
}
