import type * as v from 'valibot'

/** A value, or anything awaitable that gives it (a promise, a drizzle query…). */
export type MaybePromise<T> = T | PromiseLike<T>

/** Flattens an intersection into one object type, for readable hovers. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {}

/** Turns `A | B` into `A & B`. */
export type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (
  arg: infer I,
) => void
  ? I
  : never

/** Any synchronous valibot schema. */
export type AnySchema = v.GenericSchema

/**
 * An object schema whose entries Sluice can read to convert string inputs
 * (`v.object`, `v.looseObject`, `v.strictObject`, `v.objectWithRest`, also piped).
 */
export type ObjectSchema = v.GenericSchema<Record<string, unknown>, Record<string, unknown>> & {
  readonly entries: v.ObjectEntries
}

/** A form: its fields' object schema, or that schema in `v.optional()` for a form that may be absent. */
export type FormSchema = ObjectSchema | v.OptionalSchema<ObjectSchema, undefined>

/** The request sources a route or dependency can declare, besides the body. */
export type RequestSource = 'params' | 'query' | 'headers' | 'cookies'
