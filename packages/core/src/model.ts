import type { AnySchema } from './types'

const names = new WeakMap<object, string>()
const VALID_NAME = /^[A-Za-z0-9._-]+$/

/**
 * Names a schema, so the OpenAPI document lists it once under
 * `components/schemas/<name>` and refers to it with `$ref` wherever it is used.
 * Returns a schema that validates exactly like the one given.
 *
 * @example
 * ```ts
 * const TodoPublic = model('TodoPublic', v.object({ id: v.number(), title: v.string() }))
 * ```
 */
export function model<S extends AnySchema>(name: string, schema: S): S {
  if (!VALID_NAME.test(name)) {
    throw new TypeError(`Model name "${name}" may contain only letters, digits, ".", "_" and "-"`)
  }
  const named = { ...schema }
  names.set(named, name)
  return named
}

/** The name given to a schema by {@link model}, if any. */
export function modelName(schema: object): string | undefined {
  return names.get(schema)
}
