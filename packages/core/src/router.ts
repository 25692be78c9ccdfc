import type { MergeSchemaPath, Schema } from 'hono/types'
import type { AnyDependency } from './depends'
import type { ResponseSpec } from './responses'
import type { AnyRoute } from './route'
import type { UnionToIntersection } from './types'

/** Options shared by a group of routes. */
export interface RouterOptions<P extends string = string> {
  /** Prepended to every path below, e.g. `/api`; a path parameter in it (`/:tenant`) is declared in the `params` of the routes below. */
  readonly prefix?: P
  /** Added to every operation's tags. */
  readonly tags?: readonly string[]
  /** Dependencies that run for every route below (FastAPI's `dependencies=`); their values are not passed on. */
  readonly deps?: readonly AnyDependency[]
  /** Responses every route below may give, e.g. `{ 401: HTTPError }`; a route's own declaration wins. */
  readonly responses?: Readonly<Record<number, ResponseSpec>>
}

/** A group of routes and routers mounted under one prefix, sharing tags, dependencies and responses. */
export interface Router<S = unknown> {
  readonly kind: 'router'
  readonly options: RouterOptions
  readonly children: readonly Mountable[]
  /** Type-only: the group's Hono schema, for `hc`. */
  readonly '~schema'?: S
}

/** What routers and apps mount: routes and other routers. */
// biome-ignore lint/suspicious/noExplicitAny: any router, whatever its schema
export type Mountable = AnyRoute | Router<any>

/** The Hono schema of a list of routes and routers. */
export type SchemaOf<C extends readonly Mountable[]> = UnionToIntersection<
  { [K in keyof C]: NonNullable<C[K]['~schema']> }[number]
>

/**
 * Groups routes under a prefix with shared tags, dependencies and responses.
 * Routers nest; each level's dependencies run before the next level's.
 *
 * @example
 * ```ts
 * const todos = router({ prefix: '/todos', tags: ['todos'], deps: [requireUser] }, [
 *   listTodos, createTodo, getTodo,
 * ])
 * const api = router({ prefix: '/api' }, [todos, users])
 * ```
 */
export function router<const P extends string = '', const C extends readonly Mountable[] = []>(
  options: RouterOptions<P>,
  children: C,
): Router<SchemaOf<C> extends Schema ? MergeSchemaPath<SchemaOf<C>, P> : never> {
  return { kind: 'router', options, children }
}
