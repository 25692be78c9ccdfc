import { createGraphQLError } from '@graphql-tools/utils'
import { HTTPException, RequestValidationError } from '@sluice/core'
import type { GraphQLError } from 'graphql'

/** The `extensions.code` of an HTTP status, in the words GraphQL servers commonly use. */
const CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'BAD_USER_INPUT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
}

/** The code of `status`: its own, else what its class means. */
export function errorCode(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST')
}

/**
 * The GraphQL error a Sluice error becomes in a resolver: an `HTTPException`
 * keeps its detail as the message, with `extensions.code` (`UNAUTHENTICATED`,
 * `FORBIDDEN`, `TOO_MANY_REQUESTS` …) and `extensions.status`, and its headers
 * (`WWW-Authenticate`, `Retry-After`) go on the response; a
 * `RequestValidationError` is `BAD_USER_INPUT` (422) with FastAPI's issues under
 * `extensions.issues`. Anything else is `undefined`: Yoga masks it as an
 * unexpected error. `at` is the error graphql-js wrapped it in, for its location.
 *
 * @example
 * ```ts
 * toGraphQLError(new HTTPException(404, 'Todo not found'))?.extensions
 * // { code: 'NOT_FOUND', status: 404 }
 * ```
 */
export function toGraphQLError(error: unknown, at?: GraphQLError): GraphQLError | undefined {
  const options = {
    nodes: at?.nodes ?? null,
    path: at?.path ?? null,
    originalError: error instanceof Error ? error : null,
  }
  if (error instanceof HTTPException) {
    const message =
      typeof error.detail === 'string' ? error.detail : JSON.stringify(error.detail ?? '')
    return createGraphQLError(message, {
      ...options,
      extensions: {
        code: errorCode(error.status),
        status: error.status,
        ...(error.headers && { http: { headers: error.headers } }),
      },
    })
  }
  if (error instanceof RequestValidationError) {
    return createGraphQLError('Invalid input', {
      ...options,
      extensions: { code: errorCode(422), status: 422, issues: error.issues },
    })
  }
  return undefined
}
