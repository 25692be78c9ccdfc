import * as v from 'valibot'

/** An object schema, whichever valibot object kind. */
type ObjectLike = v.GenericSchema<Record<string, unknown>>

/** The keys of an object schema's input. */
type KeyOf<TSchema extends ObjectLike> = keyof v.InferInput<TSchema> & string

/** For each key, the keys that must be present whenever it is. */
export type Dependencies<TSchema extends ObjectLike> = {
  readonly [K in KeyOf<TSchema>]?: readonly KeyOf<TSchema>[]
}

/**
 * An object schema in which some keys, when present, require others: JSON Schema's
 * `dependentRequired`, stated once for both sides. The OpenAPI document carries the
 * rule, so a client can know it, and validation applies it: each missing key is a 422
 * at its own location, a `value_error` as Pydantic reports a model validator's. It is
 * checked once every field is valid, as a Pydantic `model_validator(mode='after')` is.
 *
 * @example
 * ```ts
 * const UserUpdate = model(
 *   'UserUpdate',
 *   dependentRequired(
 *     v.object({ password: v.optional(Password), current_password: v.optional(v.string()) }),
 *     { password: ['current_password'] },
 *     'current_password is required to change the password',
 *   ),
 * )
 * // PATCH {"password": "…"} → 422 at ["body", "current_password"]
 * ```
 */
export function dependentRequired<TSchema extends ObjectLike>(
  schema: TSchema,
  dependencies: Dependencies<TSchema>,
  message?: string,
) {
  const rules = Object.entries(dependencies) as [string, readonly string[]][]
  return v.pipe(
    schema,
    v.metadata({ dependentRequired: dependencies }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const input = dataset.value as Record<string, unknown>
      for (const [key, required] of rules) {
        if (input[key] === undefined) continue
        for (const missing of required.filter((name) => input[name] === undefined)) {
          addIssue({
            message: message ?? `${missing} is required when ${key} is given`,
            path: [{ type: 'object', origin: 'value', input, key: missing, value: undefined }],
          })
        }
      }
    }),
  )
}
