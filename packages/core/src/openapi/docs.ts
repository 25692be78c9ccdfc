import { swaggerUI } from '@hono/swagger-ui'
import type { Context, Hono } from 'hono'
import type { MountedRoute } from '../request'
import { type OpenAPIDocument, type OpenAPIOptions, openAPIGenerator } from './openapi'

/** The files of the `swagger-ui-dist` package that the docs page loads. */
export type SwaggerUIFile = 'swagger-ui.css' | 'swagger-ui-bundle.js'

/**
 * Reads one file of the installed `swagger-ui-dist` package, for the app to
 * serve itself: `swaggerUIDist()` from `@sluice/core/swagger-ui-dist` on Node,
 * Bun and Deno, or your own reader (a Workers assets binding, a bundled file).
 */
export type SwaggerUIAssets = (
  file: SwaggerUIFile,
) => Promise<string | ArrayBuffer | Uint8Array<ArrayBuffer> | ReadableStream>

/** Where an app serves its OpenAPI document and Swagger UI (options of `createApp`). */
export interface DocsOptions {
  /** The path of the OpenAPI document, or `false` to not serve it. Default `'/openapi.json'`. */
  readonly openapi?: string | false
  /** The path of Swagger UI, or `false` to not serve it. Default `'/docs'`. Needs `openapi`. */
  readonly docs?: string | false
  /**
   * Swagger UI's own files, served by the app under the docs path, so the docs
   * work offline and load no third-party script. Without it the page loads them
   * from jsDelivr (`swagger-ui-dist@5`).
   */
  readonly swaggerUIAssets?: SwaggerUIAssets
}

/** The major version of Swagger UI the docs page loads from the CDN (jsDelivr's `swagger-ui-dist@5`), without `swaggerUIAssets`. */
export const SWAGGER_UI_VERSION = '5'

const CDN_ORIGIN = 'https://cdn.jsdelivr.net'
const CDN = `${CDN_ORIGIN}/npm`

/**
 * Starts Swagger UI on the document the page names, with no inline script, so
 * the page's Content-Security-Policy can forbid them. No validator badge: it
 * would send the document to a third party.
 */
const INITIALIZER = `window.addEventListener('load', () => {
  const root = document.getElementById('swagger-ui')
  window.ui = SwaggerUIBundle({ url: root.dataset.openapi, dom_id: '#swagger-ui', validatorUrl: null })
})
`

const CONTENT_TYPES: Record<SwaggerUIFile, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
}

/**
 * Serves an app's OpenAPI document and Swagger UI, and returns the function
 * that gives the document. The document describes the routes as declared when
 * the app was created: it is built on first use and cached, and
 * `app.override()` (a testing tool) does not change it. A served document's
 * conflicts are errors when the app is created; one that is not served
 * (`openapi: false`) is checked only when asked for.
 *
 * The page carries a Content-Security-Policy that allows scripts and styles
 * only from the app (and jsDelivr, without `swaggerUIAssets`), and requests
 * only to the app.
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
  app.get(openapiPath, (c) => c.json(document()))
  const swaggerPath = docsPath(options)
  if (swaggerPath) serveSwaggerUI(app, swaggerPath, openapiPath, options)
  return document
}

/**
 * Where an app with these options serves Swagger UI, or `undefined` when it does not.
 *
 * @example
 * ```ts
 * docsPath({}) // '/docs'
 * docsPath({ openapi: false }) // undefined
 * ```
 */
export function docsPath(options: DocsOptions): string | undefined {
  if (options.openapi === false || options.docs === false) return undefined
  return options.docs ?? '/docs'
}

function serveSwaggerUI(
  app: Hono,
  docsPath: string,
  openapiPath: string,
  options: OpenAPIOptions & DocsOptions,
): void {
  const assets = options.swaggerUIAssets
  const policy = contentSecurityPolicy(assets ? [] : [CDN_ORIGIN])
  const title = `${options.title ?? 'Sluice API'} - Swagger UI`
  app.get(docsPath, (c, next) => {
    // The route's pattern (never the raw request path) tells where the app is mounted.
    const base = c.req.routePath.slice(0, c.req.routePath.length - docsPath.length)
    const assetBase = assets ? `${base}${docsPath}` : CDN
    c.header('content-security-policy', policy)
    return swaggerUI({
      url: base + openapiPath,
      title,
      ...(assets ? { baseUrl: assetBase } : { version: SWAGGER_UI_VERSION }),
      manuallySwaggerUIHtml: ({ css, js }) =>
        page(base + openapiPath, css, [...js, `${base}${docsPath}/swagger-initializer.js`]),
    })(c, next)
  })
  app.get(`${docsPath}/swagger-initializer.js`, (c) =>
    c.body(INITIALIZER, 200, { 'content-type': CONTENT_TYPES['swagger-ui-bundle.js'] }),
  )
  if (assets) {
    app.get(`${docsPath}/swagger-ui-dist/:file`, (c) => serveAsset(c, assets))
  }
}

function page(openapiUrl: string, css: readonly string[], js: readonly string[]): string {
  const links = css.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}" />`)
  const scripts = js.map((src) => `<script src="${escapeAttribute(src)}"></script>`)
  return `<div id="swagger-ui" data-openapi="${escapeAttribute(openapiUrl)}"></div>${links.join('')}${scripts.join('')}`
}

async function serveAsset(c: Context, assets: SwaggerUIAssets): Promise<Response> {
  const file = c.req.param('file') as SwaggerUIFile
  if (!Object.hasOwn(CONTENT_TYPES, file)) return c.json({ detail: 'Not Found' }, 404)
  return c.body(await assets(file), 200, {
    'content-type': CONTENT_TYPES[file],
    'cache-control': 'public, max-age=3600',
  })
}

/** Scripts and styles from the app (and `sources`), requests to the app, nothing inline but styles (Swagger UI sets some). */
function contentSecurityPolicy(sources: readonly string[]): string {
  const from = ["'self'", ...sources].join(' ')
  return [
    "default-src 'none'",
    `script-src ${from}`,
    `style-src ${from} 'unsafe-inline'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

const escapeAttribute = (text: string) =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
