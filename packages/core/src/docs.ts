import { swaggerUI } from '@hono/swagger-ui'
import type { Hono } from 'hono'
import { type OpenAPIDocument, type OpenAPIOptions, openAPIGenerator } from './openapi'
import type { MountedRoute } from './request'

/** Where an app serves its OpenAPI document and Swagger UI (options of `createApp`). */
export interface DocsOptions {
  /** The path of the OpenAPI document, or `false` to not serve it. Default `'/openapi.json'`. */
  readonly openapi?: string | false
  /** The path of Swagger UI, or `false` to not serve it. Default `'/docs'`. Needs `openapi`. */
  readonly docs?: string | false
}

/** The major version of Swagger UI the docs page loads from the CDN (jsDelivr's `swagger-ui-dist@5`). */
export const SWAGGER_UI_VERSION = '5'

/**
 * Serves an app's OpenAPI document and Swagger UI, and returns the function
 * that gives the document. The document describes the routes as declared when
 * the app was created: it is built on first use and cached, and
 * `app.override()` (a testing tool) does not change it. A served document's
 * conflicts are errors when the app is created; one that is not served
 * (`openapi: false`) is checked only when asked for.
 *
 * @example
 * ```ts
 * const openapi = serveDocs(app, { title: 'Todo API', docs: '/swagger' }, routes)
 * openapi().paths['/todos'] // the operations of /todos
 * ```
 */
export function serveDocs(
  app: Hono,
  options: OpenAPIOptions & DocsOptions,
  routes: readonly MountedRoute[],
): () => OpenAPIDocument {
  // Copies keep each route's plan as declared: overrides replace `plan` later.
  const declared = routes.map((mounted) => ({ ...mounted }))
  const openapiPath = options.openapi ?? '/openapi.json'
  if (openapiPath === false) {
    // Not served: its conflicts (a duplicate operationId …) matter only to whoever asks for it.
    let document: (() => OpenAPIDocument) | undefined
    return () => {
      document ??= openAPIGenerator(options, declared)
      return document()
    }
  }
  const document = openAPIGenerator(options, declared)
  const docsPath = options.docs ?? '/docs'
  app.get(openapiPath, (c) => c.json(document()))
  if (docsPath === false) return document
  app.get(docsPath, (c, next) => {
    // The route's pattern (never the raw request path) tells where the app is mounted.
    const base = c.req.routePath.slice(0, c.req.routePath.length - docsPath.length)
    const title = `${options.title ?? 'Sluice API'} - Swagger UI`
    return swaggerUI({ url: base + openapiPath, title, version: SWAGGER_UI_VERSION })(c, next)
  })
  return document
}
