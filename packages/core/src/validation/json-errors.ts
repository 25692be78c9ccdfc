/** Where and why a JSON text fails to parse, in the words of Python's `json` module. */
export interface JSONSyntaxError {
  /** The position of the failure, in characters (code points) from the start. */
  readonly pos: number
  /** Python's message, e.g. `Expecting value` or `Expecting ',' delimiter`. */
  readonly msg: string
}

class Failure {
  constructor(
    readonly index: number,
    readonly msg: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y
const HEX4 = /^[0-9a-fA-F]{4}$/

/**
 * Finds the first syntax error in a JSON text as CPython's `json.loads` (which
 * FastAPI uses) reports it, so a malformed body gets FastAPI's
 * `loc: ["body", pos]` and `ctx.error` without quoting any of the text. Only
 * called once `JSON.parse` has failed. `NaN` and `Infinity`, which Python
 * accepts, are reported as `Expecting value`: a JS number cannot carry them.
 *
 * @example
 * ```ts
 * locateJSONError('{"a":1,') // { pos: 7, msg: 'Expecting property name enclosed in double quotes' }
 * ```
 */
export function locateJSONError(text: string): JSONSyntaxError {
  const failure = scanDocument(text)
  return { pos: codePoints(text, failure.index), msg: failure.msg }
}

function scanDocument(text: string): Failure {
  try {
    const end = skipSpace(text, scanValue(text, skipSpace(text, 0)))
    return new Failure(end, end === text.length ? 'Expecting value' : 'Extra data')
  } catch (error) {
    if (error instanceof Failure) return error
    throw error
  }
}

function skipSpace(text: string, index: number): number {
  let i = index
  while (i < text.length && WHITESPACE.has(text.charAt(i))) i++
  return i
}

/** Scans one value starting exactly at `index`; returns the index after it. */
function scanValue(text: string, index: number): number {
  const char = text.charAt(index)
  if (char === '"') return scanString(text, index)
  if (char === '{') return scanObject(text, index + 1)
  if (char === '[') return scanArray(text, index + 1)
  for (const word of ['null', 'true', 'false']) {
    if (text.startsWith(word, index)) return index + word.length
  }
  NUMBER.lastIndex = index
  if (NUMBER.test(text)) return NUMBER.lastIndex
  throw new Failure(index, 'Expecting value')
}

function scanString(text: string, quote: number): number {
  let i = quote + 1
  for (;;) {
    if (i >= text.length) throw new Failure(quote, 'Unterminated string starting at')
    const code = text.charCodeAt(i)
    if (code === 0x22) return i + 1
    if (code < 0x20) throw new Failure(i, 'Invalid control character at')
    if (code === 0x5c) i = scanEscape(text, i, quote)
    else i++
  }
}

/** An escape at `backslash`; returns the index after it. */
function scanEscape(text: string, backslash: number, quote: number): number {
  const kind = text.charAt(backslash + 1)
  if (kind === '') throw new Failure(quote, 'Unterminated string starting at')
  if (kind !== 'u') {
    if (!ESCAPES.has(kind)) throw new Failure(backslash, 'Invalid \\escape')
    return backslash + 2
  }
  if (!HEX4.test(text.slice(backslash + 2, backslash + 6))) {
    throw new Failure(backslash + 1, 'Invalid \\uXXXX escape')
  }
  const high = Number.parseInt(text.slice(backslash + 2, backslash + 6), 16)
  const next = backslash + 6
  if (high >= 0xd800 && high <= 0xdbff && text.startsWith('\\u', next)) {
    if (!HEX4.test(text.slice(next + 2, next + 6)))
      throw new Failure(next + 1, 'Invalid \\uXXXX escape')
  }
  return next
}

function scanObject(text: string, start: number): number {
  let i = skipSpace(text, start)
  if (text.charAt(i) === '}') return i + 1
  for (;;) {
    if (text.charAt(i) !== '"') {
      throw new Failure(i, 'Expecting property name enclosed in double quotes')
    }
    i = skipSpace(text, scanString(text, i))
    if (text.charAt(i) !== ':') throw new Failure(i, "Expecting ':' delimiter")
    i = skipSpace(text, scanValue(text, skipSpace(text, i + 1)))
    const next = text.charAt(i)
    if (next === '}') return i + 1
    if (next !== ',') throw new Failure(i, "Expecting ',' delimiter")
    i = skipSpace(text, i + 1)
  }
}

function scanArray(text: string, start: number): number {
  let i = skipSpace(text, start)
  if (text.charAt(i) === ']') return i + 1
  for (;;) {
    i = skipSpace(text, scanValue(text, i))
    const next = text.charAt(i)
    if (next === ']') return i + 1
    if (next !== ',') throw new Failure(i, "Expecting ',' delimiter")
    i = skipSpace(text, i + 1)
  }
}

/** Python counts characters, JS strings count UTF-16 units: astral characters count once. */
function codePoints(text: string, index: number): number {
  let surrogates = 0
  for (let i = 0; i < index; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xdc00 && code <= 0xdfff) surrogates++
  }
  return index - surrogates
}
