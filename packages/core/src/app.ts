import type { Context, Hono } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import type { H, MiddlewareHandler, Schema } from 'hono/types'
import { defaultDocs } from '#default-docs'
import { honoApp } from '#hono-app'
import { limitBody } from './body-limit'
import { type AnyDependency, depends, isDependency } from './depends'
import { type ErrorFormat, errorResponse, HTTPException, statusText } from './errors'
import {
  type ErrorPolicy,
  type ExceptionHandlerEntry,
  errorToResponse,
  inContext,
  type Logger,
} from './exception-handlers'
import { compilePlan, type Overrides, type Plan } from './graph'
import { AppLifecycle, type Lifespan } from './lifecycle'
import type { DocsOptions } from './openapi/docs'
import type { OpenAPIDocument, OpenAPIOptions } from './openapi/openapi'
import { joinPath, type PathJoin } from './path-join'
import { useWebSocket, type WebSocketOption } from './realtime/ws-adapter'
import { handleRequest } from './request'
import { compileResponses, type ResponseSpec, withExclusions } from './responses'
import {
  type AnyRoute,
  type AppRuntime,
  assertParamsInPath,
  type Method,
  type MountedRoute,
} from './route'
import type { Mountable, RouterOptions, SchemaOf } from './router'
import { type InputReader, jsonBodyReader } from './validation/inputs'

/**
 * Options of {@link createApp}: its routes and behaviour, plus what its OpenAPI
 * document says ({@link OpenAPIOptions}) and where it and Swagger UI are served ({@link DocsOptions}).
 */
export interface AppOptions<C extends readonly Mountable[] = readonly Mountable[]>
  extends OpenAPIOptions,
    DocsOptions {
  /** Every route and router of the app. */
  readonly routes: C
  /** Dependencies that run for every route (FastAPI's app-level `dependencies=`). */
  readonly deps?: readonly AnyDependency[]
  /** Responses every route may give; a route's own declaration wins. */
  readonly responses?: Readonly<Record<number, ResponseSpec>>
  /** Setup before the first request and teardown at shutdown. */
  readonly lifespan?: Lifespan
  /** Handlers for error classes, most specific class first to match. */
  readonly exceptionHandlers?: readonly ExceptionHandlerEntry[]
  /** `'fastapi'` (default): `{"detail": …}`; `'problem'`: RFC 9457 `application/problem+json`. */
  readonly errorFormat?: ErrorFormat
  /** Largest accepted request body in bytes. Default 1 MiB. */
  readonly bodyLimit?: number
  /** Validate responses against their schemas (default `true`); undeclared fields are stripped either way. */
  readonly validateResponses?: boolean
  /** Read every JSON body in Pydantic's lax mode unless its route says otherwise (see `RouteDefinition.lax`). Default `false`. */
  readonly lax?: boolean
  /**
   * Redirect a request for `/items` to `/items/` when only the latter exists, or the
   * reverse, with `307 Temporary Redirect` (method and body kept, query string kept),
   * as FastAPI does. Default `true`.
   */
  readonly redirectSlashes?: boolean
  /**
   * How routers' prefixes join the paths below them, for routers that do not say
   * (see `RouterOptions.pathJoin`): `'fastapi'` serves a `'/'` route under `/items`
   * at `/items/`, as FastAPI does. Default `'hono'`: at `/items`.
   */
  readonly pathJoin?: PathJoin
  /** Where unexpected errors are reported. Default `console`. */
  readonly logger?: Logger
  /**
   * Hono middleware that runs before every route, in order: CORS, secure headers,
   * request ids, logging … (Hono runs middleware only for routes registered after it,
   * so it is given here rather than with `app.use()` afterwards).
   */
  readonly middleware?: readonly MiddlewareHandler[]
  /**
   * The runtime's WebSocket support, needed by `websocketRoute` routes: `{ upgradeWebSocket }`
   * from `hono/bun`, `hono/deno` or `hono/cloudflare-workers`, or on Node
   * `(app) => nodeWebSocket(app, new WebSocketServer({ noServer: true }))` from
   * `@sluice/core/node` (which `serve()` attaches to its server; `@hono/node-ws`'s
   * `createNodeWebSocket` works too, but sends a refused handshake's status only).
   */
  readonly websocket?: WebSocketOption
}

/** The Sluice additions to the Hono instance {@link createApp} returns. */
export interface SluiceMethods {
  /**
   * Replaces a dependency everywhere it is used, for tests: with another
   * dependency, or with a function that provides the value.
   */
  override<T>(
    dependency: AnyDependency & { readonly '~value'?: T },
    replacement: AnyDependency | (() => T),
  ): void
  /** Undoes every {@link SluiceMethods.override}. */
  clearOverrides(): void
  /**
   * The app's OpenAPI 3.1 document, built on first use and cached; overrides do not change it.
   *
   * @example
   * ```ts
   * writeFileSync('openapi.json', JSON.stringify(app.openapi(), null, 2))
   * ```
   */
  openapi(): OpenAPIDocument
  /** Runs the lifespan's setup; also run, once, by the first request. */
  startup(): Promise<void>
  /** Closes open WebSockets (1001), waits for after-response work, disposes of app-scoped dependencies, runs the lifespan's teardown. */
  shutdown(): Promise<void>
}

/** A Sluice app: a real Hono instance whose type carries every route, plus {@link SluiceMethods}. */
export type SluiceApp<S extends Schema = Schema> = Hono<{}, S, '/'> & SluiceMethods

/** What Sluice keeps about an app beside the Hono instance: for the OpenAPI generator. */
export interface AppState {
  readonly options: AppOptions
  readonly routes: readonly MountedRoute[]
}

const states = new WeakMap<object, AppState>()

/** The Sluice state of an app made by {@link createApp}. */
export function appState(app: object): AppState {
  const state = findAppState(app)
  if (!state) throw new TypeError('Not an app made by createApp()')
  return state
}

/** The Sluice state of `app`, or `undefined` when {@link createApp} did not make it. */
export function findAppState(app: object): AppState | undefined {
  return states.get(app)
}

const DEFAULT_BODY_LIMIT = 1024 * 1024

interface Flattened {
  readonly route: AnyRoute
  readonly path: string
  /** How the enclosing router joins its prefix and the paths below it. */
  readonly join: PathJoin
  readonly tags: readonly string[]
  readonly deps: readonly AnyDependency[]
  readonly responses: Readonly<Record<number, ResponseSpec>>
}

function flatten(children: readonly Mountable[], parent: Omit<Flattened, 'route'>): Flattened[] {
  return children.flatMap((child) => {
    if (child.kind === 'route') {
      const tags = [...parent.tags, ...(child.definition.tags ?? [])]
      const path = joinPath(parent.path, child.path, parent.join)
      assertParamsInPath(path, child.definition.params)
      return [{ ...parent, route: child, path, tags }]
    }
    return flatten(child.children, inherit(parent, child.options))
  })
}

function inherit(
  parent: Omit<Flattened, 'route'>,
  options: RouterOptions,
): Omit<Flattened, 'route'> {
  return {
    path: joinPath(parent.path, options.prefix ?? '', parent.join),
    join: options.pathJoin ?? parent.join,
    tags: [...parent.tags, ...(options.tags ?? [])],
    deps: [...parent.deps, ...(options.deps ?? [])],
    responses: { ...parent.responses, ...options.responses },
  }
}

/** The route's dependencies in FastAPI's order: the app's and routers', the route's value-less ones, its named ones. */
function planOf({ route, deps }: Flattened, overrides: Overrides, lax: boolean) {
  const extra = [...deps, ...(route.definition.dependencies ?? [])]
  return compilePlan(
    { inputs: inputsOf(route, lax), deps: route.definition.deps ?? {}, extra },
    overrides,
  )
}

/** The route's own inputs, its JSON body read in lax mode when the app asks and the route does not say. */
function inputsOf({ compiled, definition }: AnyRoute, lax: boolean): readonly InputReader[] {
  if (!lax || !definition.body || definition.lax !== undefined) return compiled.inputs
  // The body is always the route's last input (see `compile`).
  return [...compiled.inputs.slice(0, -1), jsonBodyReader(definition.body, { lax })]
}

function mount(
  entry: Flattened,
  validate: boolean,
  overrides: Overrides,
  lax: boolean,
): MountedRoute {
  const { route } = entry
  const { compiled } = route
  const inherited = compileResponses(entry.responses)
  return {
    route,
    path: entry.path,
    tags: [...new Set(entry.tags)],
    plan: planOf(entry, overrides, lax),
    response: {
      status: compiled.status,
      responses: withExclusions(new Map([...inherited, ...compiled.responses]), route.definition),
      validate: route.definition.validateResponse ?? validate,
      name: `${route.method.toUpperCase()} ${entry.path}`,
    },
  }
}

/**
 * Creates the app: a real `Hono` instance serving every route, whose type
 * carries every route's inputs and outputs, so `hc<typeof app>()` gives a typed
 * client. Unknown paths answer `404 {"detail":"Not Found"}`, known paths with
 * another method `405 {"detail":"Method Not Allowed"}` with an `Allow` header.
 *
 * @example
 * ```ts
 * export const app = createApp({
 *   routes: [router({ prefix: '/api', tags: ['todos'] }, [listTodos, getTodo])],
 *   lifespan: async function* () {
 *     await migrate()
 *     yield
 *     await closePools()
 *   },
 * })
 * export type App = typeof app
 * ```
 */
export function createApp<
  const C extends readonly Mountable[],
  J extends PathJoin | undefined = undefined,
>(
  options: AppOptions<C> & { readonly pathJoin?: J },
): SluiceApp<
  SchemaOf<C, J extends PathJoin ? J : 'hono'> extends infer S extends Schema ? S : never
> {
  const logger = options.logger ?? console
  const errors: ErrorPolicy = {
    format: options.errorFormat ?? 'fastapi',
    handlers: options.exceptionHandlers ?? [],
    logger,
  }
  const overrides = new Map<AnyDependency, AnyDependency>()
  // Weak: a dependency made on the fly is not kept alive by its plan.
  let plansOnDemand = new WeakMap<AnyDependency, Plan>()
  const runtime: AppRuntime = {
    lifecycle: new AppLifecycle(options.lifespan, logger),
    errors,
    planOnDemand(dependency) {
      let plan = plansOnDemand.get(dependency)
      if (!plan) {
        plan = compilePlan({ inputs: [], deps: { value: dependency }, extra: [] }, overrides)
        plansOnDemand.set(dependency, plan)
      }
      return plan
    },
  }
  const validate = options.validateResponses ?? true
  const entries = flatten(options.routes, {
    path: '/',
    join: options.pathJoin ?? 'hono',
    tags: [],
    deps: options.deps ?? [],
    responses: options.responses ?? {},
  })
  const lax = options.lax ?? false
  const routes = entries.map((entry) => mount(entry, validate, overrides, lax))
  const replan = () => {
    routes.forEach((mounted, i) => {
      mounted.plan = planOf(entries[i]!, overrides, lax)
    })
    plansOnDemand = new WeakMap()
  }

  const app = honoApp()
  if (options.websocket) runtime.websockets = useWebSocket(app, options.websocket)
  for (const handler of options.middleware ?? []) app.use(handler)
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  for (const mounted of headRoutesFirst(routes)) {
    const { method, definition, compiled } = mounted.route
    const answer = mounted.route.serve ?? handleRequest
    const serve = (c: Parameters<typeof handleRequest>[0]) => answer(c, mounted, runtime)
    const on = registrar(app, method, mounted.path)
    if (definition.httpCache) on(definition.httpCache.middleware)
    if (compiled.readsBody || definition.rawBody) {
      const maxSize = definition.bodyLimit ?? limit
      const refuse = (status: 400 | 413, c: Context) =>
        inContext(c, errorResponse(errors.format, status, statusText(status)))
      on(limitBody(maxSize, refuse, serve))
    } else {
      on(serve)
    }
  }
  const openapi = (options.serveDocs ?? defaultDocs)(app, options, routes)
  app.notFound(notFoundHandler(app, errors, options.redirectSlashes ?? true))
  app.onError((error, c) => errorToResponse(error, c, errors))

  const methods: SluiceMethods = {
    override(dependency, replacement) {
      overrides.set(dependency.base, isDependency(replacement) ? replacement : depends(replacement))
      replan()
    },
    clearOverrides() {
      overrides.clear()
      replan()
    },
    openapi,
    startup: () => runtime.lifecycle.startup(),
    shutdown: async () => {
      await runtime.websockets?.closeAll()
      await runtime.lifecycle.shutdown()
    },
  }
  states.set(app, { options, routes })
  return Object.assign(app, methods) as never
}

/** Handlers registered under GET that answer only HEAD requests: a HEAD route's. */
const headOnly = new WeakSet<H>()

/**
 * Registers a route's handlers on Hono. Hono routes a HEAD request as GET (and drops the
 * body), so a HEAD route's handlers go under GET, ahead of the path's GET route (see
 * {@link headRoutesFirst}), and step aside for GET requests.
 */
function registrar(app: Hono, method: Method, path: string): (handler: H) => void {
  if (method !== 'head') return (handler) => app.on(method.toUpperCase(), path, handler)
  return (handler) => {
    const onlyHead: H = (c, next) => (c.req.method === 'HEAD' ? handler(c, next) : next())
    headOnly.add(onlyHead)
    app.on('GET', path, onlyHead)
  }
}

/** The routes with HEAD routes first, each group in its order: Hono runs a path's handlers in the order they were added. */
function headRoutesFirst(routes: readonly MountedRoute[]): MountedRoute[] {
  const head = routes.filter((mounted) => mounted.route.method === 'head')
  return [...head, ...routes.filter((mounted) => mounted.route.method !== 'head')]
}

/**
 * Answers a request no route took: 405 with `Allow` when its path is known for
 * other methods; a 307 to the same path with or without its trailing slash when
 * that one is known; else 404. The errors go through the app's exception
 * handlers as `HTTPException`s, so a handler for `HTTPException` shapes them too.
 */
function notFoundHandler(app: Hono, errors: ErrorPolicy, redirectSlashes: boolean) {
  let known: { count: number; router: TrieRouter<string[]> } | undefined
  const methodsFor = (path: string): string[] => {
    // Routes are all added when the app is created (docs included): built on the first miss, then kept.
    if (known?.count !== app.routes.length)
      known = { count: app.routes.length, router: methodRouter(app) }
    return [...new Set(known.router.match('ALL', path)[0].flatMap(([methods]) => methods))]
  }
  return (c: Context) => {
    const { path } = c.req
    const allowed = methodsFor(path)
    if (allowed.length > 0) {
      const allow = allowed.sort().join(', ')
      return errorToResponse(new HTTPException(405, undefined, { allow }), c, errors)
    }
    if (redirectSlashes && path !== '/') {
      const other = path.endsWith('/') ? path.replace(/\/+$/, '') : `${path}/`
      if (methodsFor(other).length > 0) return redirectTo(c, other)
    }
    return errorToResponse(new HTTPException(404), c, errors)
  }
}

/** Starlette's redirect: the request's own URL with the other path, status 307. */
function redirectTo(c: Context, path: string): Response {
  const target = new URL(c.req.url)
  target.pathname = path
  return c.body(null, 307, { location: target.href })
}

function methodRouter(app: Hono): TrieRouter<string[]> {
  const router = new TrieRouter<string[]>()
  for (const { method, path, handler } of app.routes) {
    if (method === 'ALL') continue
    const methods = headOnly.has(handler) ? ['HEAD'] : method === 'GET' ? ['GET', 'HEAD'] : [method]
    router.add('ALL', path, methods)
  }
  return router
}
