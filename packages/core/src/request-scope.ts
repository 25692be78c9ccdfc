import type { Context } from 'hono'
import { type Cleanup, runCleanups, unwind } from './cleanup'
import type { AnyDependency } from './depends'
import { errorToResponse } from './exception-handlers'
import { ResponseDraft } from './response-draft'
import type { AppRuntime } from './route'

const NO_TASKS: (() => unknown)[] = []

/** What one request accumulates: cleanups for its dependencies and background tasks. */
export class RequestScope {
  /** Cleanups of request-scoped dependencies: after the response is sent. */
  readonly cleanups: Cleanup[] = []
  /** Cleanups of function-scoped dependencies: as soon as the handler has answered. */
  readonly functionCleanups: Cleanup[] = []
  #tasks: (() => unknown)[] | undefined
  /** Set by routes that answer over time when their handler fails after the response began. */
  failure: { error: unknown } | undefined
  /** The status, headers and cookies the handler's result is sent with (FastAPI's `Response` parameter). */
  readonly response = new ResponseDraft()
  /** What `context.resolve` resolved, so each dependency runs once per request. */
  resolved: Map<AnyDependency, Promise<unknown>> | undefined

  /** Background tasks, in the order they were scheduled. */
  get tasks(): readonly (() => unknown)[] {
    return this.#tasks ?? NO_TASKS
  }

  readonly background = (task: () => unknown): void => {
    this.#tasks ??= []
    this.#tasks.push(task)
  }
}

/**
 * The response to a request that failed before it was answered: the error first
 * travels through the dependencies' cleanups, innermost first, which may replace
 * it; background tasks are dropped, as FastAPI drops them with the response.
 */
export async function failRequest(
  c: Context,
  scope: RequestScope,
  runtime: AppRuntime,
  error: unknown,
): Promise<Response> {
  const left = await unwind(scope.cleanups, await unwind(scope.functionCleanups, { error }))
  return errorToResponse(left ? left.error : error, c, runtime.errors)
}

/**
 * Schedules what comes after a response: background tasks, then the dependencies'
 * cleanups in reverse order (function-scoped ones first, where a route answering
 * over time has not closed them yet), as FastAPI orders them; on Workers through
 * `waitUntil`, everywhere through the app's lifecycle so shutdown waits for them.
 * When `scope.failure` is set, the error travels through the cleanups instead and
 * tasks are dropped.
 */
export function afterResponse(c: Context, scope: RequestScope, runtime: AppRuntime): void {
  const report = (error: unknown) => runtime.errors.logger.error('Error after the response', error)
  const work = scope.failure
    ? unwindAfterFailure(scope, scope.failure, report)
    : runAfter(scope, report)
  runtime.lifecycle.track(work)
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // Not on a runtime with an execution context (Node, Bun, tests): tracking is enough.
  }
}

async function runAfter(scope: RequestScope, report: (error: unknown) => void): Promise<void> {
  await nextMacrotask()
  await runCleanups(scope.functionCleanups, report)
  for (const task of scope.tasks) {
    try {
      await task()
    } catch (error) {
      report(error)
    }
  }
  await runCleanups(scope.cleanups, report)
}

/**
 * Resolves once the runtime has had its turn: the response it was handed in this
 * turn is written by then, so after-response work never delays it.
 */
const nextMacrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The error was already reported where it happened; only a new one from a cleanup is. */
async function unwindAfterFailure(
  scope: RequestScope,
  failure: { error: unknown },
  report: (error: unknown) => void,
): Promise<void> {
  const left = await unwind(scope.cleanups, await unwind(scope.functionCleanups, failure))
  if (left && left.error !== failure.error) report(left.error)
}
