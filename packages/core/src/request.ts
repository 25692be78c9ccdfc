import type { Context } from 'hono'
import { type Cleanup, provide, runCleanups } from './cleanup'
import type { AppContext, RequestContext } from './depends'
import { RequestValidationError, type ValidationIssue } from './errors'
import { type ErrorPolicy, errorToResponse } from './exception-handlers'
import type { Plan, PlanNode } from './graph'
import { validateInput } from './inputs'
import type { AppLifecycle } from './lifecycle'
import { type ResponsePlan, render } from './responses'
import type { AnyRoute } from './route'
import { isThenable } from './thenable'
import type { AppWebSockets } from './ws-adapter'

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
  /** The app's WebSockets, when it was given a `websocket` option. */
  websockets?: AppWebSockets
}

const NO_VALUES: unknown[] = []

/** What one request accumulates for after its response: cleanups and background tasks. */
export class RequestScope {
  readonly cleanups: Cleanup[] = []
  #tasks: (() => unknown)[] | undefined
  failure: { error: unknown } | undefined

  /** Background tasks, in the order they were scheduled. */
  get tasks(): readonly (() => unknown)[] {
    return this.#tasks ?? (NO_VALUES as (() => unknown)[])
  }

  readonly background = (task: () => unknown): void => {
    this.#tasks ??= []
    this.#tasks.push(task)
  }
}

/**
 * Serves one request, top to bottom: read and validate every input of the route
 * and its dependencies (collecting every issue) → resolve dependencies in order,
 * each once → call the handler → validate and filter its result → answer; then,
 * after the response, clean up dependencies in reverse order and run background tasks.
 *
 * Synchronous from start to finish when no step is asynchronous (a route without a
 * body or dependencies whose handler returns a value), so the runtime can send the
 * response without waiting a tick: on Node, the server writes a ready response on
 * its fast path. Each asynchronous step makes only the steps after it wait.
 */
export function handleRequest(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
): Response | Promise<Response> {
  const scope = new RequestScope()
  let response: Response | Promise<Response>
  try {
    response = answer(c, mounted, runtime, scope)
  } catch (error) {
    return fail(c, scope, runtime, error)
  }
  if (!(response instanceof Promise)) return finish(c, scope, runtime, response)
  return response.then(
    (done) => finish(c, scope, runtime, done),
    (error: unknown) => fail(c, scope, runtime, error),
  )
}

/** Hands on the response, first scheduling the request's cleanups and background tasks, if any. */
function finish<R>(c: Context, scope: RequestScope, runtime: AppRuntime, response: R): R {
  if (scope.cleanups.length || scope.tasks.length) afterResponse(c, scope, runtime)
  return response
}

/** The response to an error; cleanups are told of the failure. */
function fail(
  c: Context,
  scope: RequestScope,
  runtime: AppRuntime,
  error: unknown,
): Promise<Response> {
  scope.failure = { error }
  return finish(c, scope, runtime, errorToResponse(error, c, runtime.errors))
}

/** Starts the app on its first request, then reads the inputs. */
function answer(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  scope: RequestScope,
): Response | Promise<Response> {
  const { lifecycle } = runtime
  if (!lifecycle.ready) return lifecycle.startup().then(() => answer(c, mounted, runtime, scope))
  const inputs = readInputs(c, mounted.plan)
  return inputs instanceof Promise
    ? inputs.then((values) => answerWithInputs(c, mounted, lifecycle, scope, values))
    : answerWithInputs(c, mounted, lifecycle, scope, inputs)
}

function answerWithInputs(
  c: Context,
  mounted: MountedRoute,
  lifecycle: AppLifecycle,
  scope: RequestScope,
  inputs: unknown[],
): Response | Promise<Response> {
  const { plan } = mounted
  if (plan.nodes.length === 0) return callHandler(c, mounted, inputs, NO_VALUES, scope)
  return resolveDependencies(c, plan, inputs, scope, lifecycle).then((values) =>
    callHandler(c, mounted, inputs, values, scope),
  )
}

function callHandler(
  c: Context,
  mounted: MountedRoute,
  inputs: unknown[],
  values: unknown[],
  scope: RequestScope,
): Response | Promise<Response> {
  const result = mounted.route.handler(handlerArgs(c, mounted, inputs, values, scope))
  // `Promise.resolve` adopts any thenable (a drizzle query runs when awaited) and returns a promise as is.
  return isThenable(result)
    ? Promise.resolve(result).then((value) => render(c, value, mounted.response))
    : render(c, result, mounted.response)
}

/**
 * Everything before a handler runs, for routes that answer over time (WebSocket,
 * server-sent events): starts the app, reads and validates every input, resolves
 * the dependencies into `scope`, and returns the handler's argument. The caller
 * runs {@link afterResponse} once the connection ends.
 */
export async function prepareHandlerArgs(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  scope: RequestScope,
): Promise<Record<string, unknown>> {
  if (!runtime.lifecycle.ready) await runtime.lifecycle.startup()
  const inputs = await readInputs(c, mounted.plan)
  const values = await resolveDependencies(c, mounted.plan, inputs, scope, runtime.lifecycle)
  return handlerArgs(c, mounted, inputs, values, scope)
}

/**
 * Reads and validates every input, collecting every issue. Only a body is read
 * asynchronously, and a route has at most one (`body` or `form`), so this is
 * synchronous for routes without one and waits for a single promise otherwise;
 * the one array holds raw values, then validated ones.
 */
function readInputs(c: Context, plan: Plan): unknown[] | Promise<unknown[]> {
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
  if (!body) return validateAll(plan, values)
  return body.then((raw) => {
    values[bodySlot] = raw
    return validateAll(plan, values)
  })
}

function validateAll(plan: Plan, values: unknown[]): unknown[] {
  let issues: ValidationIssue[] | undefined
  for (let i = 0; i < values.length; i++) {
    const result = validateInput(plan.inputs[i]!, values[i])
    if (result.ok) values[i] = result.value
    else {
      issues ??= []
      issues.push(...result.issues)
    }
  }
  if (issues) throw new RequestValidationError(issues)
  return values
}

async function resolveDependencies(
  c: Context,
  plan: Plan,
  inputs: unknown[],
  scope: RequestScope,
  lifecycle: AppLifecycle,
): Promise<unknown[]> {
  const values: unknown[] = new Array(plan.nodes.length)
  for (let i = 0; i < plan.nodes.length; i++) {
    const node = plan.nodes[i]!
    const args = nodeInputs(node, inputs, values)
    let value =
      node.dependency.scope === 'app'
        ? lifecycle.appValue(node.declared, (cleanups) =>
            callFactory(node, args, { scopes: node.scopes }, cleanups),
          )
        : callFactory(
            node,
            args,
            { c, scopes: node.scopes, background: scope.background },
            scope.cleanups,
          )
    if (isThenable(value)) value = await value
    values[i] = value
  }
  return values
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

function handlerArgs(
  c: Context,
  mounted: MountedRoute,
  inputs: unknown[],
  values: unknown[],
  scope: RequestScope,
): Record<string, unknown> {
  const args: Record<string, unknown> = { c, background: scope.background }
  const { argNames } = mounted.route.compiled
  for (let i = 0; i < argNames.length; i++) args[argNames[i]!] = inputs[i]
  for (const [name, index] of mounted.plan.named) args[name] = values[index]
  return args
}

/**
 * Schedules the request's cleanups, then its background tasks, to run once the
 * response is on its way; on Workers through `waitUntil`, everywhere through the
 * app's lifecycle so shutdown waits for them.
 */
export function afterResponse(c: Context, scope: RequestScope, runtime: AppRuntime): void {
  const report = (error: unknown) => runtime.errors.logger.error('Error after the response', error)
  const work = (async () => {
    await runCleanups(scope.cleanups, scope.failure, report)
    for (const task of scope.tasks) {
      try {
        await task()
      } catch (error) {
        report(error)
      }
    }
  })()
  runtime.lifecycle.track(work)
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // Not on a runtime with an execution context (Node, Bun, tests): tracking is enough.
  }
}
