import * as v from 'valibot'
import { scalarConverter } from './coerce'

/**
 * The key of a record read as Pydantic reads the keys of `dict[int, float]`: a
 * JSON key is always a string, converted to the number its schema expects by
 * Pydantic's grammar (`" 7 "`, `"1_0"` and `"1.0"` are the integers 7, 10 and 1).
 * A key that does not read answers 422 located under the key, then `[key]`
 * (`int_parsing`, as FastAPI says). The object the handler gets keeps string
 * property names, as every JavaScript object does. The OpenAPI document says
 * nothing of the keys, as FastAPI's does not.
 *
 * @example
 * ```ts
 * const weights = route.post(
 *   '/index-weights/',
 *   { body: v.record(dictKey(v.pipe(v.number(), v.integer())), v.number()) },
 *   ({ body }) => body, // {"foo": 2.2} → 422 at ["body", "foo", "[key]"]
 * )
 * ```
 */
export function dictKey<const TKey extends v.GenericSchema<number, number>>(key: TKey) {
  const convert = scalarConverter(key) ?? ((text: string) => text)
  return v.pipe(
    v.string(),
    v.transform((text) => convert(text) as number),
    key,
  )
}
