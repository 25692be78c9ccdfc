import type { MergeSchemaPath, Schema } from 'hono/types'
import { mergePath } from 'hono/utils/url'

/**
 * How a router's prefix and the paths below it are joined.
 * - `'hono'` (default): Hono's `mergePath`, so `'/'` under `/items` is `/items`.
 * - `'fastapi'`: FastAPI's `prefix + path`, so `'/'` under `/items` is `/items/`, the path a
 *   FastAPI front end calls (a redirect there would fail a CORS preflight).
 */
export type PathJoin = 'hono' | 'fastapi'

/**
 * Joins a prefix and a path the way `join` says.
 *
 * @example
 * ```ts
 * joinPath('/items', '/', 'hono') // '/items'
 * joinPath('/items', '/', 'fastapi') // '/items/'
 * ```
 */
export function joinPath(prefix: string, path: string, join: PathJoin): string {
  // Only a bare '/' under a prefix without a trailing slash joins differently: every other path
  // merges to prefix + path anyway.
  if (join === 'hono' || path !== '/' || prefix.endsWith('/') || prefix === '') {
    return mergePath(prefix, path)
  }
  return `${prefix}/`
}

/** {@link joinPath} on a type: a Hono schema's paths under a prefix. */
export type JoinSchemaPath<
  S extends Schema,
  P extends string,
  J extends PathJoin,
> = J extends 'fastapi'
  ? P extends '' | `${string}/`
    ? MergeSchemaPath<S, P>
    : MergeSchemaPath<Omit<S, '/'>, P> & TrailingSlash<MergeSchemaPath<Pick<S, '/' & keyof S>, P>>
  : MergeSchemaPath<S, P>

/** The entry Hono's join put at the prefix itself, moved to the prefix with a trailing slash. */
type TrailingSlash<S> = { [K in keyof S as K extends string ? `${K}/` : never]: S[K] }
