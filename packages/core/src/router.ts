import type { Schema } from 'hono/types'
import type { AnyDependency } from './depends'
import type { JoinSchemaPath, PathJoin } from './path-join'
import type { ResponseSpec } from './responses'
import type { AnyRoute } from './route'
import type { UnionToIntersection } from './types'

/** Options shared by a group of routes. */
export interface RouterOptions<P extends string = string, J extends PathJoin = PathJoin> {
  /** Prepended to every path below, e.g. `/api`; a path parameter in it (`/:tenant`) is declared in the `params` of the routes below. */
  readonly prefix?: P
  /**
   * How `prefix` joins the paths below: `'fastapi'` serves a `'/'` route under `/items` at
   * `/items/` (FastAPI's `prefix + path`), `'hono'` at `/items`. Default: the enclosing
   * router's, else the app's `pathJoin`, else `'hono'`.
   */
  readonly pathJoin?: J
  /** Added to every operation's tags. */
  readonly tags?: readonly string[]
  /** Dependencies that run for every route below (FastAPI's `dependencies=`); their values are not passed on. */
  readonly deps?: readonly AnyDependency[]
  /** Responses every route below may give, e.g. `{ 401: HTTPError }`; a route's own declaration wins. */
  readonly responses?: Readonly<Record<number, ResponseSpec>>
}

/** A group of routes and routers mounted under one prefix, sharing tags, dependencies and responses. */
export interface Router<S = unknown, F = S> {
  readonly kind: 'router'
  readonly options: RouterOptions
  readonly children: readonly Mountable[]
  /** Type-only: the group's Hono schema, for `hc`, its paths joined Hono's way unless the router says. */
  readonly '~schema'?: S
  /** Type-only: the same, joined FastAPI's way unless the router says, for an enclosing `pathJoin: 'fastapi'`. */
  readonly '~fastapiSchema'?: F
}

/** What routers and apps mount: routes and other routers. */
// biome-ignore lint/suspicious/noExplicitAny: any router, whatever its schema
export type Mountable = AnyRoute | Router<any>

/** The Hono schema of a list of routes and routers, each router's paths joined by its own `pathJoin`, else by `J`. */
export type SchemaOf<
  C extends readonly Mountable[],
  J extends PathJoin = 'hono',
> = UnionToIntersection<{ [K in keyof C]: NonNullable<ChildSchema<C[K], J>> }[number]>

type ChildSchema<T extends Mountable, J extends PathJoin> = J extends 'fastapi'
  ? T extends Router<unknown, infer F>
    ? F
    : T['~schema']
  : T['~schema']

/** A router's schema: its children's, each joined to its prefix by `J`. */
type RouterSchema<C extends readonly Mountable[], P extends string, J extends PathJoin> =
  SchemaOf<C, J> extends Schema ? JoinSchemaPath<SchemaOf<C, J>, P, J> : never

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
 *
 * // Ported from FastAPI: route.get('/', …) answers at /items/, as APIRouter(prefix='/items') does.
 * const items = router({ prefix: '/items', pathJoin: 'fastapi' }, [listItems, createItem])
 * ```
 */
export function router<
  const P extends string = '',
  const C extends readonly Mountable[] = [],
  J extends PathJoin | undefined = undefined,
>(
  options: RouterOptions<P> & { readonly pathJoin?: J },
  children: C,
): Router<
  RouterSchema<C, P, J extends PathJoin ? J : 'hono'>,
  RouterSchema<C, P, J extends PathJoin ? J : 'fastapi'>
> {
  return { kind: 'router', options, children }
}
