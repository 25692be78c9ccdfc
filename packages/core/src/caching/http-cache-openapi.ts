import type { ResponseObject } from '../openapi/openapi'
import type { ParameterObject } from '../openapi/openapi-parameters'
import type { HttpCache } from './http-cache'

type Headers = NonNullable<ResponseObject['headers']>

const STRING = { type: 'string' } as const

/** The conditional request headers a route with `httpCache` reads, as optional header parameters. */
export function cachingParameters(httpCache: HttpCache | undefined): ParameterObject[] {
  if (!httpCache) return []
  return [
    {
      name: 'If-None-Match',
      in: 'header',
      required: false,
      schema: STRING,
      description: 'ETags of copies the client holds: 304 when one is current',
    },
    {
      name: 'If-Modified-Since',
      in: 'header',
      required: false,
      schema: STRING,
      description: 'The Last-Modified of the copy the client holds (ignored with If-None-Match)',
    },
  ]
}

/**
 * Adds what a route with `httpCache` answers to its documented responses: the
 * caching headers of its success status, and the 304 that carries them.
 */
export function documentCaching(
  responses: Record<string, ResponseObject>,
  httpCache: HttpCache | undefined,
  status: number,
): Record<string, ResponseObject> {
  if (!httpCache) return responses
  const headers: Headers = {
    ETag: { description: 'A strong validator of the body, for If-None-Match', schema: STRING },
  }
  if (httpCache.cacheControl)
    headers['Cache-Control'] = {
      description: 'How caches may keep this answer',
      schema: { ...STRING, const: httpCache.cacheControl },
    }
  if (httpCache.vary?.length)
    headers.Vary = {
      description: 'The request headers this answer depends on',
      schema: { ...STRING, const: httpCache.vary.join(', ') },
    }
  if (httpCache.lastModified)
    headers['Last-Modified'] = { description: 'When the content last changed', schema: STRING }
  const success = responses[status]
  return {
    ...responses,
    ...(success && { [status]: { ...success, headers: { ...success.headers, ...headers } } }),
    304: {
      description:
        'Not Modified: the copy the client named in If-None-Match or If-Modified-Since is current',
      headers,
    },
  }
}
