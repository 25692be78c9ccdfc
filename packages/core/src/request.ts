import type { Context } from 'hono'
import { unwind } from './cleanup'
import { afterResponse, failRequest, RequestScope } from './request-scope'
import { handlerArgs, readInputs, resolve } from './resolve'
import { render } from './responses'
import type { AppRuntime, MountedRoute } from './route'
import { isThenable } from './thenable'
import { requestTrace } from './tracing'

/**
 * Serves one request in FastAPI's order: read the body (a malformed one answers at
 * once) → run each dependency, in declaration order, as soon as its own inputs are
 * valid (one whose inputs are not is skipped and its issues collected; an exception
 * one raises answers the request) → validate the route's own inputs and answer 422
 * with every issue collected → call the handler → validate and filter its result.
 * An error on the way travels through the `yield` dependencies, innermost first,
 * before it becomes the response. After a successful response, background tasks
 * run, then the dependencies' cleanups, in reverse order.
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
    return failRequest(c, scope, runtime, error)
  }
  if (!(response instanceof Promise)) return finish(c, scope, runtime, response)
  return response.then(
    (done) => finish(c, scope, runtime, done),
    (error: unknown) => failRequest(c, scope, runtime, error),
  )
}

/** Hands on the response, first scheduling the request's background tasks and cleanups, if any. */
function finish<R>(c: Context, scope: RequestScope, runtime: AppRuntime, response: R): R {
  if (scope.cleanups.length || scope.tasks.length) afterResponse(c, scope, runtime)
  return response
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
    ? inputs.then((raw) => answerWithInputs(c, mounted, runtime, scope, raw))
    : answerWithInputs(c, mounted, runtime, scope, inputs)
}

function answerWithInputs(
  c: Context,
  mounted: MountedRoute,
  runtime: AppRuntime,
  scope: RequestScope,
  inputs: unknown[],
): Response | Promise<Response> {
  const values = resolve(c, mounted, inputs, scope, runtime)
  return values instanceof Promise
    ? values.then((resolved) => callHandler(c, mounted, inputs, resolved, scope))
    : callHandler(c, mounted, inputs, values, scope)
}

function callHandler(
  c: Context,
  mounted: MountedRoute,
  inputs: unknown[],
  values: unknown[],
  scope: RequestScope,
): Response | Promise<Response> {
  const args = handlerArgs(c, mounted, inputs, values, scope)
  const trace = requestTrace(c)
  const result = trace
    ? trace.handler(mounted.response.name, () => mounted.route.handler(args))
    : mounted.route.handler(args)
  // `Promise.resolve` adopts any thenable (a drizzle query runs when awaited) and returns a promise as is.
  return isThenable(result)
    ? Promise.resolve(result).then((value) => respondWith(c, value, mounted, scope))
    : respondWith(c, result, mounted, scope)
}

/** Renders the handler's result, then closes function-scoped dependencies before it is sent. */
function respondWith(
  c: Context,
  result: unknown,
  mounted: MountedRoute,
  scope: RequestScope,
): Response | Promise<Response> {
  const response = render(c, result, mounted.response, scope.response)
  if (scope.functionCleanups.length === 0) return response
  return unwind(scope.functionCleanups, undefined).then((failure) => {
    if (failure) throw failure.error
    return response
  })
}
