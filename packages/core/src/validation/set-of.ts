import * as v from 'valibot'

/** Marks the array schema of {@link setOf}: refusals say `set_type`, the document says `uniqueItems`. */
export const UNIQUE_ITEMS = Symbol('sluice.uniqueItems')

/** Python's set equality for JSON values: scalars by value, lists and objects by their JSON text. */
const identity = (item: unknown) =>
  typeof item === 'object' && item !== null ? JSON.stringify(item) : item

function unique<T>(items: T[]): T[] {
  const seen = new Set<unknown>()
  return items.filter((item) => {
    const key = identity(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Pydantic's `set[T]`: a list whose repeated items are dropped once each item is
 * validated (`["a", "b", "a"]` → `["a", "b"]`, `[1, "1"]` in lax mode → `[1]`),
 * the first of each kept in order. It stays an array, which JSON can carry both
 * ways. Something that is not a list answers `set_type` ("Input should be a
 * valid set"); repeated query keys fill it as they fill a list; the OpenAPI
 * schema is an array with `uniqueItems: true`, as FastAPI documents a set.
 *
 * @example
 * ```ts
 * const Item = v.object({ name: v.string(), tags: v.optional(setOf(v.string()), () => []) })
 * // {"name": "Foo", "tags": ["rock", "metal", "rock"]} → tags: ['rock', 'metal']
 * ```
 */
export function setOf<const TItem extends v.GenericSchema>(
  item: TItem,
  message?: v.ErrorMessage<v.ArrayIssue>,
) {
  const array = v.array(item, message)
  // Enumerable, so `v.pipe` copies the mark onto the pipe; left out of the type, which stays valibot's.
  Object.defineProperty(array, UNIQUE_ITEMS, { value: true, enumerable: true })
  return v.pipe(array, v.transform(unique))
}

/** Whether a schema is (or starts from) the array of a {@link setOf}. */
export const isSetSchema = (schema: object): boolean => UNIQUE_ITEMS in schema
