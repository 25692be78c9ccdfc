import type { Context } from 'hono'
import type * as v from 'valibot'
import type { ResponseDraft } from './response-draft'
import type { ResponseSpec } from './responses'
import type { MaybePromise, ObjectSchema, RequestSource, Simplify } from './types'

/**
 * How long a dependency's value lives, and so when a generator's code after `yield` runs:
 * - `'request'` (default): one value per request, cleaned up after the response is sent;
 * - `'function'`: one value per request, cleaned up as soon as the handler has returned,
 *   before the response (FastAPI's `Depends(…, scope="function")`);
 * - `'app'`: one value per app, created on first use and disposed of at shutdown.
 */
export type DependencyScope = 'request' | 'function' | 'app'

/**
 * What a security dependency tells the OpenAPI generator: the scheme it
 * implements (an OpenAPI Security Scheme Object) under a name that is unique in
 * the app. Auth packages set it; the core only carries it.
 */
export interface SecurityScheme {
  /** The key under `components/securitySchemes`. */
  readonly name: string
  /** The OpenAPI Security Scheme Object, e.g. `{ type: 'http', scheme: 'bearer' }`. */
  readonly scheme: Readonly<Record<string, unknown>>
  /** The `WWW-Authenticate` challenge its 401 carries, e.g. `Bearer`, documented with the 401. */
  readonly challenge?: string
}

/** What every request-scoped factory receives besides its declared inputs. */
export interface RequestContext {
  /** The Hono context of the request. */
  readonly c: Context
  /** Every scope required of this dependency along the path from the route (FastAPI's SecurityScopes). */
  readonly scopes: readonly string[]
  /** Runs `task` after the response has been sent. */
  readonly background: (task: () => unknown) => void
  /** The status, headers and cookies the handler's result is sent with (FastAPI's `Response` parameter). */
  readonly response: ResponseDraft
  /**
   * Resolves another dependency for this request when asked, not before: for
   * endpoints that learn what they need only from the request's content (a
   * GraphQL operation). Its inputs are read and validated then, its exceptions
   * and validation errors reject the promise instead of answering, the app's
   * overrides apply, each dependency runs once per request, and its cleanup
   * runs with the request's.
   *
   * @example
   * ```ts
   * const resolver = depends((_, { resolve }) => resolve)
   * route.post('/graphql', { deps: { resolve: resolver } }, async ({ resolve }) => {
   *   const user = await resolve(currentUser) // a 401 here rejects
   * })
   * ```
   */
  readonly resolve: <T>(dependency: Dependency<T>) => Promise<T>
}

/** What an app-scoped factory receives: there is no request. */
export interface AppContext {
  readonly scopes: readonly string[]
}

/** Anything a factory may return: a value, a promise, or a generator that yields the value once and cleans up after. */
export type FactoryResult<T> =
  | MaybePromise<T>
  | Generator<T, unknown, undefined>
  | AsyncGenerator<T, unknown, undefined>

/** The value a factory's result provides. */
export type ProvidedValue<R> =
  R extends AsyncGenerator<infer T, unknown, undefined>
    ? T
    : R extends Generator<infer T, unknown, undefined>
      ? T
      : Awaited<R>

/**
 * A declared dependency: a factory, the inputs it needs, and how long its value lives.
 * Create one with {@link depends}; use it in a route's or another dependency's inputs.
 */
export interface Dependency<out T = unknown, out S extends DependencyScope = DependencyScope> {
  readonly kind: 'dependency'
  /** A name for messages (a cycle, a failed override): `options.name`, else the factory's name. */
  readonly name: string
  readonly scope: S
  /** Whether a request reuses one value for every place that needs it (default `true`). */
  readonly cache: boolean
  /** Request inputs the factory reads, validated with the route's. */
  readonly sources: Readonly<Partial<Record<RequestSource, ObjectSchema>>>
  /** Dependencies the factory reads, by the name it reads them under. */
  readonly deps: Readonly<Record<string, AnyDependency>>
  readonly factory: (inputs: Record<string, unknown>, context: RequestContext) => unknown
  /** Set on security dependencies: the scheme they add to the OpenAPI document. */
  readonly security: SecurityScheme | undefined
  /** Responses the dependency itself may answer with (a 429 …), documented on every route that uses it. */
  readonly responses: Readonly<Record<number, ResponseSpec>>
  /** Scopes this use of the dependency requires (see {@link requireScopes}). */
  readonly scopes: readonly string[]
  /** The dependency this one was derived from by {@link requireScopes}, or itself: the key for caching and overrides. */
  readonly base: AnyDependency
  /** Type-only: the value it provides. */
  readonly '~value'?: T
}

// biome-ignore lint/suspicious/noExplicitAny: the widest dependency, whatever it provides
export type AnyDependency = Dependency<any, DependencyScope>

/** The value a dependency provides. */
export type DependencyValue<D> = D extends Dependency<infer T, DependencyScope> ? T : never

/** The request sources a dependency may declare: query, headers, cookies and path params. */
export type DependencySources = { readonly [K in RequestSource]?: ObjectSchema }

/** A dependency's inputs: request sources by their source name, and other dependencies by any other name. */
export type DependencyInputs = DependencySources & {
  readonly [name: string]: AnyDependency | ObjectSchema | undefined
}

/** What a factory receives for the inputs it declared. */
export type ResolvedInputs<I> = Simplify<{
  -readonly [K in keyof I]: K extends RequestSource
    ? I[K] extends ObjectSchema
      ? v.InferOutput<I[K]>
      : never
    : DependencyValue<I[K]>
}>

/** Options of {@link depends}. */
export interface DependsOptions {
  /** How long the value lives (see {@link DependencyScope}). Default `'request'`. */
  readonly scope?: DependencyScope
  /** `false` runs the factory for every place that needs it, even within one request. Default `true`. */
  readonly cache?: boolean
  /** A name for error messages; defaults to the factory's name. */
  readonly name?: string
  /** Marks a security dependency and the OpenAPI scheme it stands for. */
  readonly security?: SecurityScheme
  /**
   * Responses the dependency may answer with by raising, e.g. `{ 429: HTTPError }`,
   * so every operation that uses it documents them (a route's own declaration wins).
   */
  readonly responses?: Readonly<Record<number, ResponseSpec>>
}

type AnyFactory = AnyDependency['factory']
type ScopeOf<O> = O extends { scope: infer S extends DependencyScope } ? S : 'request'
type ContextOf<O> = O extends { scope: 'app' } ? AppContext : RequestContext

const SOURCES: ReadonlySet<string> = new Set<RequestSource>([
  'params',
  'query',
  'headers',
  'cookies',
])

/**
 * Declares a dependency: a factory Sluice calls for the routes (and other
 * dependencies) that name it, with its own validated request inputs and
 * dependencies, resolved once per request.
 *
 * The factory may return the value, a promise of it, or a generator that yields
 * it once and cleans up after the response (also when the handler throws, in
 * which case the error is thrown into the generator). A value with
 * `Symbol.asyncDispose` or `Symbol.dispose` is disposed of likewise.
 *
 * @example
 * ```ts
 * const pagination = depends(
 *   { query: v.object({ skip: v.optional(v.number(), 0), limit: v.optional(v.number(), 20) }) },
 *   ({ query }) => ({ offset: query.skip, limit: query.limit }),
 * )
 *
 * const db = depends(async function* () {
 *   const connection = await connect()
 *   try { yield connection } finally { await connection.close() }
 * }, { scope: 'app' })
 * ```
 */
export function depends<R, const O extends DependsOptions = {}>(
  factory: (inputs: {}, context: ContextOf<O>) => R,
  options?: O,
): Dependency<ProvidedValue<R>, ScopeOf<O>>
export function depends<const I extends DependencyInputs, R, const O extends DependsOptions = {}>(
  inputs: I,
  factory: (inputs: ResolvedInputs<I>, context: ContextOf<O>) => R,
  options?: O,
): Dependency<ProvidedValue<R>, ScopeOf<O>>
export function depends(
  ...args:
    | [factory: AnyFactory, options?: DependsOptions]
    | [inputs: DependencyInputs, factory: AnyFactory, options?: DependsOptions]
): AnyDependency {
  const [inputs, factory, options = {}] =
    typeof args[0] === 'function'
      ? [{}, args[0], args[1] as DependsOptions | undefined]
      : (args as [DependencyInputs, AnyFactory, DependsOptions | undefined])
  const { sources, deps } = splitInputs(inputs)
  const scope = options.scope ?? 'request'
  const name = options.name ?? (factory.name || 'anonymous dependency')
  assertOutlives(name, scope, sources, deps)
  const dependency: AnyDependency = {
    kind: 'dependency',
    name,
    scope,
    cache: options.cache ?? true,
    sources,
    deps,
    factory,
    security: options.security,
    responses: options.responses ?? {},
    scopes: [],
    get base() {
      return dependency
    },
  }
  return dependency
}

/**
 * Uses a dependency with scopes required of it, FastAPI's `Security(dep, scopes=[…])`.
 * The dependency and everything it depends on see these scopes in `context.scopes`
 * (united with the scopes required further up), and security dependencies list
 * them in the operation's OpenAPI security requirement.
 *
 * @example
 * ```ts
 * const deleteTodo = route.delete('/todos/:id', {
 *   params: v.object({ id: v.number() }),
 *   deps: { user: requireScopes(currentUser, ['todos:delete']) },
 * }, async ({ params, user }) => { … })
 * ```
 */
export function requireScopes<D extends AnyDependency>(
  dependency: D,
  scopes: readonly string[],
): D {
  return { ...dependency, scopes: [...dependency.scopes, ...scopes], base: dependency.base }
}

/** Whether a value is a dependency made by {@link depends}. */
export function isDependency(value: unknown): value is AnyDependency {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'dependency'
  )
}

function splitInputs(inputs: DependencyInputs) {
  const sources: Partial<Record<RequestSource, ObjectSchema>> = {}
  const deps: Record<string, AnyDependency> = {}
  for (const [key, value] of Object.entries(inputs)) {
    if (value === undefined) continue
    if (SOURCES.has(key)) {
      if (!isObjectSchema(value))
        throw new TypeError(`Input "${key}" must be a valibot object schema`)
      sources[key as RequestSource] = value
    } else if (isDependency(value)) {
      deps[key] = value
    } else {
      throw new TypeError(
        `Input "${key}" is neither a request source nor a dependency made by depends()`,
      )
    }
  }
  return { sources, deps }
}

const LIFETIME: Readonly<Record<DependencyScope, number>> = { function: 0, request: 1, app: 2 }

/** A value cannot depend on one that is gone before it: app outlives request outlives function. */
function assertOutlives(
  name: string,
  scope: DependencyScope,
  sources: Partial<Record<RequestSource, ObjectSchema>>,
  deps: Record<string, AnyDependency>,
) {
  const source = Object.keys(sources)[0]
  if (scope === 'app' && source)
    throw new TypeError(`App-scoped dependency "${name}" cannot read request ${source}`)
  for (const [key, dep] of Object.entries(deps)) {
    if (LIFETIME[dep.scope] < LIFETIME[scope]) {
      throw new TypeError(
        `${capitalize(scope)}-scoped dependency "${name}" cannot depend on ${dep.scope}-scoped "${key}"`,
      )
    }
  }
}

const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1)

/** Whether a value is a valibot object schema whose entries Sluice can read. */
export function isObjectSchema(value: unknown): value is ObjectSchema {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'schema' &&
    typeof (value as { entries?: unknown }).entries === 'object'
  )
}
