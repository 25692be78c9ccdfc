import type { Context } from 'hono'
import { type Cleanup, provide } from './cleanup'
import type { AnyDependency, AppContext, RequestContext } from './depends'
import { ClientDisconnect, RequestValidationError, type ValidationIssue } from './errors'
import type { Plan, PlanNode } from './graph'
import type { RequestScope } from './request-scope'
import type { AppRuntime, MountedRoute } from './route'
import { isThenable } from './thenable'
import { type RequestTrace, requestTrace } from './tracing'
import { validateInput } from './validation/inputs'

const NO_VALUES: unknown[] = []

/** The value of a dependency that did not run because its inputs, or a dependency's, were invalid. */
const SKIPPED: unique symbol = Symbol('skipped')
/**
 * Everything before a handler runs, for routes that answer over time (WebSocket,
 * server-sent events): starts the app, reads the inputs, resolves the dependencies
 * into `scope`, validates every input, and returns the handler's argument. On an
 * error the caller answers with {@link failRequest}; otherwise it runs
 * {@link afterResponse} once the connection ends.
 */
export async function prepareHandlerArgs(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  scope: RequestScope,
): Promise<Record<string, unknown>> {
  if (!runtime.lifecycle.ready) await runtime.lifecycle.startup()
  const inputs = await readInputs(c, mounted.plan)
  const values = await resolve(c, mounted, inputs, scope, runtime)
  return handlerArgs(c, mounted, inputs, values, scope)
}

/**
 * Reads every input's raw value. Only a body is read asynchronously, and a route
 * has at most one (`body` or `form`), so this is synchronous for routes without
 * one and waits for a single promise otherwise. A body that cannot be read (wrong
 * content type, malformed JSON) rejects here, before any dependency runs.
 */
export function readInputs(c: Context, plan: Plan): unknown[] | Promise<unknown[]> {
  const values: unknown[] = new Array(plan.inputs.length)
  let body: Promise<unknown> | undefined
  let bodySlot = 0
  for (let i = 0; i < plan.inputs.length; i++) {
    const raw = plan.inputs[i]!.read(c)
    if (raw instanceof Promise) {
      body = raw
      bodySlot = i
    } else values[i] = raw
  }
  if (!body) return values
  return body.then(
    (raw) => {
      values[bodySlot] = raw
      return values
    },
    (error: unknown) => {
      throw c.req.raw.signal.aborted ? new ClientDisconnect(error) : error
    },
  )
}

/**
 * Resolves a route's dependencies and validates its own inputs, FastAPI's way
 * (see {@link handleRequest}); throws a `RequestValidationError` with every issue,
 * dependencies' first. The values of the plan's nodes, or a promise of them once
 * a dependency answers asynchronously.
 */
export function resolve(
  c: Context,
  mounted: MountedRoute,
  inputs: unknown[],
  scope: RequestScope,
  runtime: AppRuntime,
): unknown[] | Promise<unknown[]> {
  const { plan } = mounted
  const { readsBody } = mounted.route.compiled
  if (plan.nodes.length === 0) {
    checkOwnInputs(plan, readsBody, inputs, undefined)
    return NO_VALUES
  }
  return new Resolution(c, plan, readsBody, inputs, scope, runtime).from(0)
}

/**
 * `context.resolve`: resolves `dependency` for the request on demand, through a
 * plan of its own (the app's overrides applied), once per request. Its inputs
 * are headers, query, cookies or path parameters, never a body, so they are read
 * at once; a failure rejects the promise, and the caller decides what it means.
 * Each dependency has its own plan (made once per app), so what it depends on is not shared with the route's.
 */
function resolveLater(c: Context, scope: RequestScope, runtime: AppRuntime) {
  return <T>(dependency: AnyDependency): Promise<T> => {
    scope.resolved ??= new Map()
    // `cache: false` runs it for every use, as in a route's plan: a rate limit counts each.
    let value = dependency.cache ? scope.resolved.get(dependency) : undefined
    if (!value) {
      const plan = runtime.planOnDemand(dependency)
      const [, index] = plan.named[0]!
      value = Promise.resolve()
        .then(() =>
          new Resolution(c, plan, false, readInputs(c, plan) as unknown[], scope, runtime).from(0),
        )
        .then((values) => values[index])
      if (dependency.cache) scope.resolved.set(dependency, value)
    }
    return value as Promise<T>
  }
}

/** One request's way through its plan's dependencies. */
class Resolution {
  readonly values: unknown[]
  issues: ValidationIssue[] | undefined
  /** Set when a tracer follows the request: each factory then runs in a span of its own. */
  readonly trace: RequestTrace | undefined

  #resolve: RequestContext['resolve'] | undefined

  constructor(
    readonly c: Context,
    readonly plan: Plan,
    readonly readsBody: boolean,
    readonly inputs: unknown[],
    readonly scope: RequestScope,
    readonly runtime: AppRuntime,
  ) {
    this.values = new Array(plan.nodes.length)
    this.trace = requestTrace(c)
  }

  /** The request's `context.resolve`, made for the first factory that runs. */
  get resolve(): RequestContext['resolve'] {
    this.#resolve ??= resolveLater(this.c, this.scope, this.runtime)
    return this.#resolve
  }

  /** Resolves the nodes from `start` on, synchronously until one gives a promise. */
  from(start: number): unknown[] | Promise<unknown[]> {
    const { nodes } = this.plan
    for (let i = start; i < nodes.length; i++) {
      const value = this.run(nodes[i]!)
      if (isThenable(value)) {
        return Promise.resolve(value).then((resolved) => {
          this.values[i] = resolved
          return this.from(i + 1)
        })
      }
      this.values[i] = value
    }
    checkOwnInputs(this.plan, this.readsBody, this.inputs, this.issues)
    return this.values
  }

  /** Runs one dependency, unless its inputs or one of its dependencies were invalid. */
  run(node: PlanNode): unknown {
    let valid = true
    for (const [, slot] of node.sources) {
      this.issues = validateSlot(this.plan, this.inputs, slot, this.issues)
      if (this.inputs[slot] === SKIPPED) valid = false
    }
    for (const [, index] of node.deps) if (this.values[index] === SKIPPED) valid = false
    if (!valid) return SKIPPED
    const args = nodeInputs(node, this.inputs, this.values)
    const { trace } = this
    if (node.dependency.scope === 'app') {
      // Traced only in the request that creates the value; the others read it from the app.
      return this.runtime.lifecycle.appValue(node.declared, (cleanups) => {
        const create = () => callFactory(node, args, { scopes: node.scopes }, cleanups)
        return trace ? trace.dependency(node.dependency.name, create) : create()
      })
    }
    const cleanups =
      node.dependency.scope === 'function' ? this.scope.functionCleanups : this.scope.cleanups
    const { background, response } = this.scope
    const context = { c: this.c, scopes: node.scopes, background, response, resolve: this.resolve }
    if (!trace) return callFactory(node, args, context, cleanups)
    return trace.dependency(node.dependency.name, () => callFactory(node, args, context, cleanups))
  }
}

/**
 * Validates the route's own inputs after its dependencies have run, and throws
 * every issue collected so far, with the body as it was received.
 */
function checkOwnInputs(
  plan: Plan,
  readsBody: boolean,
  inputs: unknown[],
  issues: ValidationIssue[] | undefined,
): void {
  // A body or form is always the route's last own input (see `compile`).
  const body = readsBody ? inputs[plan.own - 1] : undefined
  for (let slot = 0; slot < plan.own; slot++) issues = validateSlot(plan, inputs, slot, issues)
  if (issues) throw new RequestValidationError(issues, body)
}

/**
 * Validates one raw input in place: its slot then holds the validated value, or
 * {@link SKIPPED} when it was invalid, and its issues join `issues`.
 */
function validateSlot(
  plan: Plan,
  inputs: unknown[],
  slot: number,
  issues: ValidationIssue[] | undefined,
): ValidationIssue[] | undefined {
  const result = validateInput(plan.inputs[slot]!, inputs[slot])
  if (result.ok) {
    inputs[slot] = result.value
    return issues
  }
  inputs[slot] = SKIPPED
  if (!issues) return result.issues
  issues.push(...result.issues)
  return issues
}

function nodeInputs(node: PlanNode, inputs: unknown[], values: unknown[]): Record<string, unknown> {
  const args: Record<string, unknown> = {}
  for (const [source, slot] of node.sources) args[source] = inputs[slot]
  for (const [name, index] of node.deps) args[name] = values[index]
  return args
}

function callFactory(
  node: PlanNode,
  args: Record<string, unknown>,
  context: RequestContext | AppContext,
  cleanups: Cleanup[],
): unknown {
  return provide(
    node.dependency.factory(args, context as RequestContext),
    node.dependency.name,
    cleanups,
  )
}

export function handlerArgs(
  c: Context,
  mounted: MountedRoute,
  inputs: unknown[],
  values: unknown[],
  scope: RequestScope,
): Record<string, unknown> {
  const args: Record<string, unknown> = {
    c,
    background: scope.background,
    response: scope.response,
  }
  const { argNames } = mounted.route.compiled
  for (let i = 0; i < argNames.length; i++) args[argNames[i]!] = inputs[i]
  for (const [name, index] of mounted.plan.named) args[name] = values[index]
  return args
}
