import type { Context } from 'hono'
import { HTTPException as HonoHTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import {
  ClientDisconnect,
  type ErrorFormat,
  errorResponse,
  HTTPException,
  RequestValidationError,
  ResponseValidationError,
  statusText,
} from './errors'
import type { MaybePromise } from './types'

/**
 * Answers one kind of error. It may return a response, throw an `HTTPException`, or rethrow the
 * error it was given to leave it to the handler of a more general class.
 */
export type ExceptionHandler<E extends Error = Error> = (
  error: E,
  c: Context,
) => MaybePromise<Response>

// biome-ignore lint/suspicious/noExplicitAny: error classes take any constructor arguments
type ErrorClass<E extends Error> = abstract new (...args: any[]) => E

/** An error class and the handler for it and its subclasses. */
export type ExceptionHandlerEntry = readonly [ErrorClass<Error>, ExceptionHandler<never>]

/**
 * Pairs an error class with its handler, typed: the handler receives that class.
 *
 * @example
 * ```ts
 * createApp({
 *   routes,
 *   exceptionHandlers: [
 *     handle(InsufficientFunds, (error) => Response.json({ detail: error.message }, { status: 402 })),
 *   ],
 * })
 * ```
 */
export function handle<E extends Error>(
  errorClass: ErrorClass<E>,
  handler: ExceptionHandler<E>,
): ExceptionHandlerEntry {
  return [errorClass, handler as ExceptionHandler<never>]
}

/** Where unexpected errors are reported. */
export interface Logger {
  error(message: string, error: unknown): void
}

/** How an app turns errors into responses. */
export interface ErrorPolicy {
  readonly format: ErrorFormat
  readonly handlers: readonly ExceptionHandlerEntry[]
  readonly logger: Logger
}

/**
 * Answers an error: with the app's handler for its class (the most specific
 * registered class wins; a handler that rethrows the error passes it to the handler of the
 * next more general class), else by kind — `HTTPException` with its status and
 * detail, validation errors with 422 and every issue, anything else with a
 * logged `500 {"detail":"Internal Server Error"}` that reveals nothing.
 */
export async function errorToResponse(
  error: unknown,
  c: Context,
  policy: ErrorPolicy,
): Promise<Response> {
  return inContext(c, await answerError(error, c, policy))
}

async function answerError(error: unknown, c: Context, policy: ErrorPolicy): Promise<Response> {
  if (!(error instanceof Error)) return builtInResponse(error, policy)
  for (const handler of handlersFor(error, policy.handlers)) {
    policies.set(c, policy)
    try {
      return await handler(error as never, c)
    } catch (thrown) {
      // Rethrowing the error itself declines it: a library's handler for a broad class
      // (`@sluice/db`'s for `TypeError`) answers what it recognises and passes the rest on.
      if (thrown !== error) return builtInResponse(thrown, policy)
    }
  }
  return builtInResponse(error, policy)
}

/**
 * The response with the headers middleware set on the context before it (a
 * request id …), as every response Hono builds itself has them.
 */
export function inContext(c: Context, response: Response): Response {
  return c.newResponse(response.body, response)
}

/** The policy of the app whose custom handler is answering, for the default handlers it may delegate to. */
const policies = new WeakMap<Context, ErrorPolicy>()

const formatOf = (c: Context): ErrorFormat => policies.get(c)?.format ?? 'fastapi'

/**
 * The app's default answer to an `HTTPException` (FastAPI's
 * `http_exception_handler`): its status, detail and headers. For custom handlers
 * that do something first and then answer as usual.
 *
 * @example
 * ```ts
 * createApp({
 *   routes,
 *   exceptionHandlers: [
 *     handle(HTTPException, (error, c) => {
 *       console.log(`OMG! An HTTP error!: ${error.status}`)
 *       return httpExceptionHandler(error, c)
 *     }),
 *   ],
 * })
 * ```
 */
export function httpExceptionHandler(error: HTTPException, c: Context): Response {
  return errorResponse(formatOf(c), error.status, error.detail, error.headers)
}

/**
 * The app's default answer to a `RequestValidationError` (FastAPI's
 * `request_validation_exception_handler`): 422 with every issue.
 *
 * @example
 * ```ts
 * handle(RequestValidationError, (error, c) => {
 *   console.log(`OMG! The client sent invalid data!: ${error.issues.length} issues`)
 *   return requestValidationExceptionHandler(error, c)
 * })
 * ```
 */
export function requestValidationExceptionHandler(
  error: RequestValidationError,
  c: Context,
): Response {
  return errorResponse(formatOf(c), 422, error.issues)
}

/** The handlers registered for the error's class and its ancestors, the most specific first. */
function* handlersFor(error: Error, handlers: readonly ExceptionHandlerEntry[]) {
  for (
    let proto = Object.getPrototypeOf(error);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const [errorClass, handler] of handlers) if (errorClass.prototype === proto) yield handler
  }
}

function builtInResponse(error: unknown, { format, logger }: ErrorPolicy): Response {
  if (error instanceof HTTPException)
    return errorResponse(format, error.status, error.detail, error.headers)
  if (error instanceof RequestValidationError) return errorResponse(format, 422, error.issues)
  if (error instanceof HonoHTTPException) return fromHonoException(error, format)
  if (error instanceof ClientDisconnect) return errorResponse(format, 499, statusText(499))
  const message =
    error instanceof ResponseValidationError
      ? 'Response validation failed: this is a bug in the route'
      : 'Unhandled error while serving a request'
  logger.error(message, error)
  return errorResponse(format, 500, statusText(500))
}

/** Hono's own middleware (body limit, bearer auth …) throws Hono's HTTPException; keep its status and headers. */
function fromHonoException(error: HonoHTTPException, format: ErrorFormat): Response {
  const status = error.status as ContentfulStatusCode
  const headers = error.res ? Object.fromEntries(error.res.headers) : undefined
  if (headers) delete headers['content-type']
  return errorResponse(format, status, error.message || statusText(status), headers)
}
