import type { Context } from 'hono'
import type { ParamKeys, RemoveQuestion } from 'hono/types'
import type { StatusCode } from 'hono/utils/http-status'
import type * as v from 'valibot'
import type { HttpCache } from './caching/http-cache'
import type { AnyDependency, DependencyValue } from './depends'
import type { ValidationIssue } from './errors'
import type { ErrorPolicy } from './exception-handlers'
import type { ExcludeOptions } from './exclude'
import type { Plan } from './graph'
import type { AppLifecycle } from './lifecycle'
import type { AppWebSockets } from './realtime/ws-adapter'
import type { Responded, Unchecked } from './respond'
import type { ResponseDraft } from './response-draft'
import {
  compileResponses,
  type ResponsePlan,
  type ResponseSpec,
  type ResponseTable,
} from './responses'
import type {
  AnySchema,
  FormSchema,
  MaybePromise,
  ObjectSchema,
  RequestSource,
  Simplify,
} from './types'
import { formBodyReader, type InputReader, jsonBodyReader, sourceReader } from './validation/inputs'
import type { WireKeyed } from './wire-names'

/** The HTTP methods a route can answer. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options'

/** Declared responses by status code. */
export type Responses = { readonly [status: number]: ResponseSpec }

/** The request inputs every kind of route declares: string sources and dependencies. */
export interface RequestInputs {
  /** Path parameters; must name exactly the `:params` of the path. */
  readonly params?: ObjectSchema
  readonly query?: ObjectSchema
  /** Headers, matched case-insensitively; an entry `x_token` reads `x-token`. */
  readonly headers?: ObjectSchema
  readonly cookies?: ObjectSchema
  /** Dependencies, by the handler argument name they arrive under. */
  readonly deps?: Readonly<Record<string, AnyDependency>>
  /**
   * Dependencies that run for their effect alone, before the named ones, and give
   * the handler no value (FastAPI's `dependencies=[…]` on one operation), e.g. a check
   * that a header is present.
   */
  readonly dependencies?: readonly AnyDependency[]
}

/** How every kind of route is documented in the OpenAPI document. */
export interface OperationDocs {
  readonly summary?: string
  readonly description?: string
  readonly tags?: readonly string[]
  readonly operationId?: string
  readonly deprecated?: boolean
  /** Leave the route out of the OpenAPI document. */
  readonly hidden?: boolean
}

/**
 * Everything a route declares: its inputs, dependencies, responses and documentation.
 * Each input source is a valibot schema; string sources are converted by schema type.
 */
export interface RouteDefinition extends RequestInputs, OperationDocs, ExcludeOptions {
  /** A JSON request body. */
  readonly body?: AnySchema
  /**
   * Read the JSON body as Pydantic's lax mode does, as FastAPI validates bodies: a
   * numeric string (`"50.5"`) where a number is declared, `"yes"`/`"off"`/`1`/`0`
   * where a boolean is. Default: the app's `lax`, itself `false` (strict).
   */
  readonly lax?: boolean
  /**
   * A urlencoded or multipart form; `v.file()` fields receive uploaded files. In
   * `v.optional()`, an absent form gives the handler `undefined`.
   */
  readonly form?: FormSchema
  /** The status of a plain returned value. Default 200. */
  readonly status?: StatusCode
  /** The schema of the default status's body (shorthand for one entry of `responses`). */
  readonly response?: ResponseSpec
  /** Schemas (or `{ schema, description }`, or `null` for no body) by status. */
  readonly responses?: Responses
  /** Validate responses against their schema (default: the app's choice, itself default `true`). Undeclared fields are stripped either way. */
  readonly validateResponse?: boolean
  /** Largest accepted request body in bytes; default: the app's (1 MiB). */
  readonly bodyLimit?: number
  /** `ETag`, 304 on `If-None-Match`/`If-Modified-Since`, `Cache-Control` and `Vary` (see {@link HttpCache}). */
  readonly httpCache?: HttpCache
  /**
   * The handler reads the body itself, from `c.req.raw` (to hand the request to
   * another server, such as a GraphQL one): nothing is declared or validated,
   * but the body limit applies, as to a declared body. Default `false`.
   */
  readonly rawBody?: boolean
}

/** What every handler receives besides its declared inputs and dependencies. */
export interface HandlerContext {
  /** The Hono context. */
  readonly c: Context
  /** Runs `task` after the response has been sent, before the dependencies' cleanup (FastAPI's order); dropped if the request fails. */
  readonly background: (task: () => unknown) => void
}

type Out<D, K extends string> = D extends { readonly [P in K]: infer S extends AnySchema }
  ? { [P in K]: v.InferOutput<S> }
  : {}

type DepValues<D> = D extends { readonly deps: infer Deps }
  ? { -readonly [K in keyof Deps]: DependencyValue<Deps[K]> }
  : {}

/** The one object a handler receives: validated inputs, resolved dependencies, `c` and `background`. */
export type HandlerArgs<D> = Simplify<
  Out<D, 'params'> &
    Out<D, 'query'> &
    Out<D, 'headers'> &
    Out<D, 'cookies'> &
    Out<D, 'body'> &
    Out<D, 'form'> &
    DepValues<D> &
    HandlerContext
>

/** What an HTTP route's handler receives: {@link HandlerArgs} and the `response` its result is sent with. */
export type RouteArgs<D> = Simplify<HandlerArgs<D> & { response: ResponseDraft }>

/** The status a plain returned value is sent with. */
export type DefaultStatus<D> = D extends { readonly status: infer S extends StatusCode } ? S : 200

/** Every declared response of a route, by status. */
export type DeclaredResponses<D> = (D extends { readonly responses: infer R } ? R : {}) &
  (D extends { readonly response: infer R } ? { [K in DefaultStatus<D>]: R } : {})

type SchemaOf<Spec> = Spec extends AnySchema
  ? Spec
  : Spec extends { readonly schema: infer S extends AnySchema }
    ? S
    : never

type BodyIn<Spec> = [SchemaOf<Spec>] extends [never] ? undefined : v.InferInput<SchemaOf<Spec>>
type BodyOut<Spec> = [SchemaOf<Spec>] extends [never] ? null : v.InferOutput<SchemaOf<Spec>>
type NoBodyStatus = 204 | 205 | 304

type Statuses<D> = keyof DeclaredResponses<D> & number

type PlainResult<D> =
  DefaultStatus<D> extends NoBodyStatus
    ? // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing returns void
      void
    : DefaultStatus<D> extends Statuses<D>
      ? BodyIn<DeclaredResponses<D>[DefaultStatus<D>]>
      : Unchecked

type RespondedResult<D> = {
  [S in Statuses<D>]: S extends StatusCode ? Responded<S, BodyIn<DeclaredResponses<D>[S]>> : never
}[Statuses<D>]

/**
 * What a handler may return: the default status's body (checked against its
 * schema), a {@link respond} result for a declared status, or a raw `Response`.
 */
export type HandlerResult<D> = Response | PlainResult<D> | RespondedResult<D>

/** A route's handler. */
export type Handler<D, R> = (args: RouteArgs<D>) => MaybePromise<R>

/** FastAPI's validation error body, sent with 422. */
export interface HTTPValidationError {
  detail: ValidationIssue[]
}

type Stringly<T> = T extends readonly (infer I)[]
  ? Stringly<I>[] | Stringly<I>
  : T extends number | boolean | bigint
    ? T | `${T}`
    : T extends Date
      ? string
      : T

type ClientStrings<T> = { [K in keyof T]: Stringly<T[K]> }
type ClientPart<
  D,
  K extends string,
  Name extends string,
  Wrap extends 'strings' | 'raw',
> = D extends {
  readonly [P in K]: infer S extends AnySchema
}
  ? {
      [P in Name]: Wrap extends 'strings'
        ? ClientStrings<WireKeyed<v.InferInput<S>, S, K>>
        : v.InferInput<S>
    }
  : {}

/** The input a typed `hc` client sends to a route, in Hono's shape. */
export type ClientInput<D> = Simplify<
  ClientPart<D, 'params', 'param', 'strings'> &
    ClientPart<D, 'query', 'query', 'strings'> &
    ClientPart<D, 'headers', 'header', 'strings'> &
    ClientPart<D, 'cookies', 'cookie', 'strings'> &
    ClientPart<D, 'body', 'json', 'raw'> &
    ClientPart<D, 'form', 'form', 'strings'>
>

type TakesInput<D> = D extends { readonly params: unknown }
  ? true
  : D extends { readonly query: unknown }
    ? true
    : D extends { readonly headers: unknown }
      ? true
      : D extends { readonly cookies: unknown }
        ? true
        : D extends { readonly body: unknown }
          ? true
          : D extends { readonly form: unknown }
            ? true
            : false

/** One status of one route, as Hono's client sees it. */
export type RouteEndpoint<I, O, S> = { input: I; output: O; outputFormat: 'json'; status: S }

type ReturnedBody<R> = Exclude<Awaited<R>, Response | Responded>

/** The endpoints a route adds to the app's Hono schema: one per declared status, plus 422 when it takes input. */
export type RouteEndpoints<D, R> =
  | ([Statuses<D>] extends [never]
      ? RouteEndpoint<ClientInput<D>, ReturnedBody<R>, DefaultStatus<D>>
      : {
          [S in Statuses<D>]: RouteEndpoint<ClientInput<D>, BodyOut<DeclaredResponses<D>[S]>, S>
        }[Statuses<D>])
  | (TakesInput<D> extends true ? RouteEndpoint<ClientInput<D>, HTTPValidationError, 422> : never)

/** The Hono schema of one route: `{ [path]: { $method: endpoints } }`. */
export type RouteSchema<M extends Method, P extends string, D, R> = {
  [K in P]: { [K2 in `$${M}`]: RouteEndpoints<D, R> }
}

type PathParams<P extends string> = RemoveQuestion<ParamKeys<P>>
type DeclaredParams<D> = D extends { readonly params: infer S extends ObjectSchema }
  ? keyof S['entries'] & string
  : never

/**
 * A compile-time error unless `params` declares every one of the path's `:params`. It
 * may declare more, held by a router's prefix: `createApp()` checks the full path.
 */
export type CheckParams<P extends string, D> = [PathParams<P>] extends [DeclaredParams<D>]
  ? unknown
  : {
      params: `Error: path parameter "${Exclude<PathParams<P>, DeclaredParams<D>>}" is not declared in params`
    }

/** The handler argument names that dependencies cannot take. */
export type ReservedName =
  | 'params'
  | 'query'
  | 'headers'
  | 'cookies'
  | 'body'
  | 'form'
  | 'c'
  | 'background'
  | 'response'

/** A compile-time error when a dependency's name collides with an input or `c`/`background`/`response`. */
export type CheckDeps<D> = D extends { readonly deps: infer Deps }
  ? [keyof Deps & ReservedName] extends [never]
    ? unknown
    : { deps: { [K in keyof Deps & ReservedName]: `Error: "${K}" is a reserved argument name` } }
  : unknown

/**
 * A compile-time error when a dependency takes a name the handler's argument
 * already uses (`socket` for WebSocket routes, `stream` and `lastEventId` for SSE).
 */
export type CheckReserved<D, Name extends string> = D extends { readonly deps: infer Deps }
  ? [keyof Deps & Name] extends [never]
    ? unknown
    : { deps: { [K in keyof Deps & Name]: `Error: "${K}" is a reserved argument name` } }
  : unknown

/** What Sluice computes once when a route is defined. */
export interface CompiledRoute {
  /** The route's own input readers, in the order of {@link CompiledRoute.argNames}. */
  readonly inputs: readonly InputReader[]
  readonly argNames: readonly (RequestSource | 'body' | 'form')[]
  readonly responses: ResponseTable
  readonly status: StatusCode
  readonly readsBody: boolean
}

/**
 * A route: a method, a path, its definition and its handler, compiled once.
 * A plain value to export, test, and mount with {@link router} or `createApp`.
 */
export interface Route<M extends Method = Method, P extends string = string, S = unknown> {
  readonly kind: 'route'
  readonly method: M
  readonly path: P
  readonly definition: RouteDefinition
  // biome-ignore lint/suspicious/noExplicitAny: handlers are typed where they are defined
  readonly handler: (args: any) => unknown
  readonly compiled: CompiledRoute
  /** How the route answers when not with a plain response (`websocketRoute`, `sseRoute`); default `handleRequest`. */
  readonly serve?: (
    c: Context,
    mounted: MountedRoute,
    runtime: AppRuntime,
  ) => Response | Promise<Response>
  /** Message schemas documented as operation extensions, e.g. `{ 'x-websocket': { incoming, outgoing } }`. */
  readonly messages?: Readonly<Record<`x-${string}`, Readonly<Record<string, AnySchema>>>>
  /** Type-only: the route's Hono schema, for `hc`. */
  readonly '~schema'?: S
}

// biome-ignore lint/suspicious/noExplicitAny: the widest route, whatever its schema
export type AnyRoute = Route<Method, string, any>

/** A route as mounted in an app: its final path and plan, and how it answers. */
export interface MountedRoute {
  readonly route: AnyRoute
  /** The full path, router prefixes included. */
  readonly path: string
  readonly tags: readonly string[]
  /** Recompiled when a dependency is overridden. */
  plan: Plan
  readonly response: ResponsePlan
}

/** What a request needs of its app. */
export interface AppRuntime {
  readonly lifecycle: AppLifecycle
  readonly errors: ErrorPolicy
  /** The plan of a dependency a request resolves on demand (`context.resolve`), the app's overrides applied; made once per dependency. */
  readonly planOnDemand: (dependency: AnyDependency) => Plan
  /** The app's WebSockets, when it was given a `websocket` option. */
  websockets?: AppWebSockets
}

/** Compiles a route's inputs and responses once, when it is defined (also for `websocketRoute` and `sseRoute`). */
export function compile(path: string, definition: RouteDefinition): CompiledRoute {
  if (definition.body && definition.form) {
    throw new TypeError(`Route ${path} declares both body and form: choose one`)
  }
  assertParamsMatchPath(path, definition.params)
  const inputs: InputReader[] = []
  const argNames: CompiledRoute['argNames'][number][] = []
  for (const source of ['params', 'query', 'headers', 'cookies'] as const) {
    const schema = definition[source]
    if (schema) {
      inputs.push(sourceReader(source, schema))
      argNames.push(source)
    }
  }
  if (definition.body) {
    inputs.push(jsonBodyReader(definition.body, { lax: definition.lax ?? false }))
    argNames.push('body')
  }
  if (definition.form) {
    inputs.push(formBodyReader(definition.form))
    argNames.push('form')
  }
  const status = definition.status ?? 200
  const declared = { ...definition.responses }
  if (definition.response !== undefined) declared[status] = definition.response
  return {
    inputs,
    argNames,
    responses: compileResponses(declared),
    status,
    readsBody: Boolean(definition.body || definition.form),
  }
}

/** The same check as {@link CheckParams}, for paths TypeScript cannot see. */
function assertParamsMatchPath(path: string, params: ObjectSchema | undefined) {
  const declared = Object.keys(params?.entries ?? {})
  const undeclared = pathParams(path).filter((name) => !declared.includes(name))
  if (undeclared.length)
    throw new TypeError(
      `Route ${path}: path parameter(s) ${undeclared.join(', ')} not declared in params`,
    )
}

/**
 * Checks, once a route is mounted, that every parameter its `params` declares is in
 * its full path: a route may declare one its router's prefix holds (`'/:tenant'`),
 * as a FastAPI endpoint declares one of `APIRouter(prefix="/{tenant}")`.
 */
export function assertParamsInPath(path: string, params: ObjectSchema | undefined) {
  const inPath = pathParams(path)
  const absent = Object.keys(params?.entries ?? {}).filter((name) => !inPath.includes(name))
  if (absent.length)
    throw new TypeError(`Route ${path}: params ${absent.join(', ')} declared but not in the path`)
}

const pathParams = (path: string) =>
  [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] as string)
