/**
 * `route`: where HTTP routes are defined. WebSocket and server-sent events routes
 * have their own functions (`websocketRoute` in `realtime/ws.ts`, `sseRoute` in
 * `realtime/sse.ts`), so an app that serves neither bundles none of their code.
 */
import {
  type CheckDeps,
  type CheckParams,
  compile,
  type Handler,
  type HandlerResult,
  type Method,
  type Route,
  type RouteDefinition,
  type RouteSchema,
} from './route'

type RouteFactory<M extends Method> = <
  const P extends string,
  const D extends RouteDefinition,
  R extends HandlerResult<D>,
>(
  path: P,
  definition: D & CheckParams<P, D> & CheckDeps<D>,
  handler: Handler<D, R>,
) => Route<M, P, RouteSchema<M, P, D, R>>

function define<M extends Method>(method: M): RouteFactory<M> {
  return (path, definition, handler) => ({
    kind: 'route',
    method,
    path,
    definition,
    handler,
    compiled: compile(path, definition),
  })
}

/**
 * Defines an HTTP route: `route.get/post/put/patch/delete/head/options(path, definition, handler)`
 * (a WebSocket route is defined with `websocketRoute`, a server-sent events route with `sseRoute`).
 * The handler's argument is typed from the definition, its return value is
 * checked against the declared response schema, and everything that can be
 * computed once (converters, validators, filters) is computed here.
 *
 * @example
 * ```ts
 * const getTodo = route.get('/todos/:id', {
 *   params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
 *   deps: { db },
 *   responses: { 200: TodoPublic, 404: HTTPError },
 * }, async ({ params, db }) => {
 *   const todo = await db.query.todos.findFirst({ where: eq(todos.id, params.id) })
 *   if (!todo) throw new HTTPException(404, 'Todo not found')
 *   return todo
 * })
 * ```
 */
export const route = {
  get: define('get'),
  post: define('post'),
  put: define('put'),
  patch: define('patch'),
  delete: define('delete'),
  head: define('head'),
  options: define('options'),
}
