import * as v from 'valibot'

/**
 * The forms the Rust `uuid` crate behind Pydantic's `UUID` parses: 32 hex digits,
 * hyphenated (8-4-4-4-12), the hyphenated form in braces, or after `urn:uuid:`.
 */
export const PYDANTIC_UUID =
  /^(?:[\da-f]{32}|[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}|\{[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}\}|urn:uuid:[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12})$/i

/** The hex digits of an accepted UUID, hyphenated and lower case: the form Pydantic's `UUID` prints. */
function hyphenated(uuid: string): string {
  const hex = uuid.replace(/^urn:uuid:|[{}-]/gi, '').toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * A UUID as Pydantic's `UUID` reads one: hyphenated, 32 hex digits without
 * hyphens, in braces or as `urn:uuid:…`, any case; the handler receives the
 * hyphenated lower-case form (what FastAPI echoes, and what a database
 * comparing text expects). valibot's `v.uuid()` accepts the hyphenated form
 * only. A refusal reads as Pydantic's (`uuid_parsing`); the OpenAPI schema is
 * `{"type":"string","format":"uuid"}`.
 *
 * @example
 * ```ts
 * const getItem = route.get('/items/:id', { params: v.object({ id: uuid() }) }, ({ params }) =>
 *   findItem(params.id), // '/items/A8098C1AF86E11DABD1A00112444BE1E' → 'a8098c1a-f86e-11da-bd1a-00112444be1e'
 * )
 * ```
 */
export function uuid(message?: v.ErrorMessage<v.UuidIssue<string>>) {
  // valibot's own action with Pydantic's grammar: its issue type (`uuid`) and JSON Schema format stay.
  const action: v.UuidAction<string, typeof message> = {
    ...v.uuid(message),
    requirement: PYDANTIC_UUID,
  }
  return v.pipe(v.string(), action, v.transform(hyphenated))
}
