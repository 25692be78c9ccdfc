import type * as v from 'valibot'
import { RequestValidationError } from '../errors'
import type { AnySchema } from '../types'
import { type InputReader, jsonBodyReader } from './inputs'

const readers = new WeakMap<AnySchema, InputReader>()

/**
 * Validates a value as a route validates its JSON body: the schema's output, or
 * a `RequestValidationError` (422) with FastAPI's issues (`loc` starting at
 * `body`). For JSON that arrives another way, such as a GraphQL mutation's
 * input, so it is judged by the same rules and in the same words as over REST.
 *
 * @example
 * ```ts
 * const todo = validateJSON(TodoCreate, args.input) // throws RequestValidationError
 * ```
 */
export function validateJSON<S extends AnySchema>(schema: S, value: unknown): v.InferOutput<S> {
  let reader = readers.get(schema)
  if (!reader) {
    reader = jsonBodyReader(schema)
    readers.set(schema, reader)
  }
  const result = reader.validate(value)
  if (!result.ok) throw new RequestValidationError(result.issues, value)
  return result.value as v.InferOutput<S>
}
