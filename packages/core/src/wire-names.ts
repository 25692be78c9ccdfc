/**
 * The names a typed `hc` client sends inputs under, worked out from the schemas
 * the way `fieldsOf` (validation/inputs.ts) works them out at run time: a field's
 * `alias`, else for headers its key with underscores as dashes (unless
 * `convertUnderscores: false`), else its key.
 */

/** `x_user_id` → `x-user-id`. */
type Dashed<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}-${Dashed<Tail>}`
  : S

/** The first `v.metadata` value under `Key` in a pipe's actions. */
type PipeMetadata<P, Key extends string> = P extends readonly [infer Head, ...infer Tail]
  ? Head extends { readonly type: 'metadata'; readonly metadata: { readonly [K in Key]: infer V } }
    ? V
    : PipeMetadata<Tail, Key>
  : undefined

/** `metadataOf(schema)[Key]` in types: the schema's own pipe first, then what it wraps. */
type MetadataOf<S, Key extends string> = (
  S extends { readonly pipe: infer P }
    ? PipeMetadata<P, Key>
    : undefined
) extends infer V
  ? [V] extends [undefined]
    ? S extends { readonly wrapped: infer W }
      ? MetadataOf<W, Key>
      : undefined
    : V
  : never

type EntriesOf<S> = S extends { readonly entries: infer E }
  ? E
  : S extends { readonly wrapped: infer W }
    ? EntriesOf<W>
    : {}

type WireName<Key, Entry, Source, ConvertAll> = Key extends string
  ? MetadataOf<Entry, 'alias'> extends infer Alias extends string
    ? string extends Alias
      ? Key
      : Alias
    : Source extends 'headers'
      ? false extends (
          MetadataOf<Entry, 'convertUnderscores'> extends boolean
            ? MetadataOf<Entry, 'convertUnderscores'>
            : ConvertAll
        )
        ? Key
        : Dashed<Key>
      : Key
  : Key

/**
 * An input object (`v.InferInput` of an object schema `S` read from `Source`)
 * keyed by wire names.
 */
export type WireKeyed<T, S, Source> = T extends object
  ? {
      [K in keyof T as WireName<
        K,
        K extends keyof EntriesOf<S> ? EntriesOf<S>[K] : never,
        Source,
        MetadataOf<S, 'convertUnderscores'> extends false ? false : true
      >]: T[K]
    }
  : T
