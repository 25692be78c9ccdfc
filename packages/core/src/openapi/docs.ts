import { swaggerUI } from '@hono/swagger-ui'
import type { Hono } from 'hono'
import { installedDocsAssets } from '#docs-assets'
import type { MountedRoute } from '../route'
import { type OpenAPIDocument, type OpenAPIOptions, openAPIGenerator } from './openapi'
import { type FileContent, staticFile } from './static-file'

/** The files of the `swagger-ui-dist` package that the docs page loads. */
export type SwaggerUIFile = 'swagger-ui.css' | 'swagger-ui-bundle.js'

/** The file of the `redoc` package that the ReDoc page loads. */
export type RedocFile = 'redoc.standalone.js'

/**
 * Reads one file of a docs page's package, for the app to serve itself. Its
 * `version`, when it has one, goes into the files' URLs, so browsers may cache
 * them for good (without it they check each time, by ETag).
 */
export type DocsAssets<File extends string> = ((file: File) => Promise<FileContent>) & {
  readonly version?: string
}

/**
 * Reads Swagger UI's files: `swaggerUIDist()` from `@sluice/core/swagger-ui-dist`
 * (what Node, Bun and Deno use by default), or your own reader (a Workers
 * assets binding, a bundled file).
 */
export type SwaggerUIAssets = DocsAssets<SwaggerUIFile>

/** Reads ReDoc's standalone bundle: `redocDist()` from `@sluice/core/redoc-dist`, or your own reader. */
export type RedocAssets = DocsAssets<RedocFile>

/** The readers a runtime finds installed (see `docs-assets.ts`). */
export interface InstalledDocsAssets {
  readonly swaggerUI?: SwaggerUIAssets
  readonly redoc?: RedocAssets
}

/**
 * What serves an app's OpenAPI document and docs pages: {@link serveDocs}. It is
 * given to `createApp`, not found by it, so a bundle holds the OpenAPI generator
 * only when the app names it.
 */
export type DocsServer = (
  app: Hono,
  options: OpenAPIOptions & DocsOptions,
  routes: readonly MountedRoute[],
) => () => OpenAPIDocument

/** Where an app serves its OpenAPI document, Swagger UI and ReDoc (options of `createApp`). */
export interface DocsOptions {
  /**
   * What serves the document and the pages: {@link serveDocs}, from `@sluice/core`.
   * Default on Node, Bun and Deno: `serveDocs`. Elsewhere (Workers, a browser)
   * none, so an app that serves no docs does not bundle the OpenAPI generator:
   * such an app gives `serveDocs` to serve them, and `app.openapi()` needs it.
   *
   * @example
   * ```ts
   * import { createApp, serveDocs } from '@sluice/core'
   * export default createApp({ routes, serveDocs }) // a Worker with /openapi.json and /docs
   * ```
   */
  readonly serveDocs?: DocsServer
  /** The path of the OpenAPI document, or `false` to not serve it. Default `'/openapi.json'`. */
  readonly openapi?: string | false
  /** The path of Swagger UI, or `false` to not serve it. Default `'/docs'`. Needs `openapi`. */
  readonly docs?: string | false
  /** The path of ReDoc, or `false` to not serve it. Default `'/redoc'`. Needs `openapi`. */
  readonly redoc?: string | false
  /**
   * Swagger UI's own files, served by the app under the docs path, so the docs
   * work offline and load no third-party script. Default on Node, Bun and Deno:
   * the installed `swagger-ui-dist`. Where no reader is given or found (Workers),
   * the page loads them from jsDelivr (`swagger-ui-dist@5`).
   */
  readonly swaggerUIAssets?: SwaggerUIAssets
  /**
   * ReDoc's standalone bundle, served by the app under the ReDoc path. Default
   * on Node, Bun and Deno: the installed `redoc` package, when it is installed.
   * Where no reader is given or found, the page loads it from jsDelivr
   * (`redoc@2`), as FastAPI's does.
   */
  readonly redocAssets?: RedocAssets
}

/** The major version of Swagger UI the docs page loads from the CDN (jsDelivr's `swagger-ui-dist@5`), without `swaggerUIAssets`. */
export const SWAGGER_UI_VERSION = '5'

/** The major version of ReDoc the ReDoc page loads from the CDN without `redocAssets`, as FastAPI's does. */
export const REDOC_VERSION = '2'

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

const JAVASCRIPT = 'text/javascript; charset=utf-8'
const CSS = 'text/css; charset=utf-8'

/**
 * Serves an app's OpenAPI document, Swagger UI and ReDoc, and returns the function
 * that gives the document. The document describes the routes as declared when
 * the app was created: it is built on first use and cached, and
 * `app.override()` (a testing tool) does not change it. A served document's
 * conflicts are errors when the app is created; one that is not served
 * (`openapi: false`) is checked only when asked for.
 *
 * The pages' files come from the app itself where it can read them (Node, Bun
 * and Deno: see {@link DocsOptions}), else from jsDelivr. Each page carries a
 * Content-Security-Policy that allows scripts and styles only from where its
 * files come from, and requests only to the app.
 *
 * @example
 * ```ts
 * const app = createApp({ title: 'Todo API', docs: '/swagger', routes, serveDocs })
 * app.openapi().paths['/todos'] // the operations of /todos
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
  const installed = installedDocsAssets()
  const swaggerPath = docsPath(options)
  const swaggerUIAssets = options.swaggerUIAssets ?? installed.swaggerUI
  if (swaggerPath) serveSwaggerUI(app, swaggerPath, openapiPath, options, swaggerUIAssets)
  const redocPath = options.redoc ?? '/redoc'
  const redocAssets = options.redocAssets ?? installed.redoc
  if (redocPath !== false) serveRedoc(app, redocPath, openapiPath, options, redocAssets)
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
  options: OpenAPIOptions,
  assets: SwaggerUIAssets | undefined,
): void {
  const policy = contentSecurityPolicy(assets ? [] : [CDN_ORIGIN])
  const title = `${options.title ?? 'Sluice API'} - Swagger UI`
  app.get(docsPath, (c, next) => {
    const base = mountedAt(c.req.routePath, docsPath)
    c.header('content-security-policy', policy)
    return swaggerUI({
      url: base + openapiPath,
      title,
      ...(assets
        ? { baseUrl: `${base}${docsPath}`, ...(assets.version && { version: assets.version }) }
        : { version: SWAGGER_UI_VERSION }),
      manuallySwaggerUIHtml: ({ css, js }) =>
        page(base + openapiPath, css, [...js, `${base}${docsPath}/swagger-initializer.js`]),
    })(c, next)
  })
  app.get(`${docsPath}/swagger-initializer.js`, (c) =>
    c.body(INITIALIZER, 200, { 'content-type': JAVASCRIPT }),
  )
  if (!assets) return
  const files: Record<SwaggerUIFile, string> = {
    'swagger-ui.css': CSS,
    'swagger-ui-bundle.js': JAVASCRIPT,
  }
  for (const [file, type] of Object.entries(files) as [SwaggerUIFile, string][]) {
    const serve = staticFile(() => assets(file), type, { immutable: Boolean(assets.version) })
    app.get(`${docsPath}/${versioned('swagger-ui-dist', assets)}/${file}`, serve)
  }
}

/**
 * Serves ReDoc as FastAPI's `get_redoc_html` does (the `<redoc>` element,
 * which the standalone bundle starts by itself, so no inline script), without
 * its Google Fonts: nothing leaves the app when the bundle is its own.
 */
function serveRedoc(
  app: Hono,
  redocPath: string,
  openapiPath: string,
  options: OpenAPIOptions,
  assets: RedocAssets | undefined,
): void {
  // ReDoc styles itself with inline styles and indexes the document for search in a blob: worker.
  const policy = `${contentSecurityPolicy(assets ? [] : [CDN_ORIGIN])}; worker-src blob:`
  const title = escapeText(`${options.title ?? 'Sluice API'} - ReDoc`)
  const file: RedocFile = 'redoc.standalone.js'
  app.get(redocPath, (c) => {
    const base = mountedAt(c.req.routePath, redocPath)
    const script = assets
      ? `${base}${redocPath}/${versioned('redoc', assets)}/${file}`
      : `${CDN}/redoc@${REDOC_VERSION}/bundles/${file}`
    c.header('content-security-policy', policy)
    return c.html(
      `<!DOCTYPE html><html><head><title>${title}</title><meta charset="utf-8"/>` +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<style>body { margin: 0; padding: 0; }</style></head><body>' +
        '<noscript>ReDoc requires Javascript to function. Please enable it to browse the documentation.</noscript>' +
        `<redoc spec-url="${escapeAttribute(base + openapiPath)}"></redoc>` +
        `<script src="${escapeAttribute(script)}"></script></body></html>`,
    )
  })
  if (!assets) return
  const serve = staticFile(() => assets(file), JAVASCRIPT, { immutable: Boolean(assets.version) })
  app.get(`${redocPath}/${versioned('redoc', assets)}/${file}`, serve)
}

/** The route's pattern (never the raw request path) tells where the app is mounted. */
const mountedAt = (routePath: string, path: string) =>
  routePath.slice(0, routePath.length - path.length)

/**
 * The folder of a package's files in their URLs: `swagger-ui-dist@5.35.0` when
 * the reader knows the version (so a new version has new URLs, and browsers may
 * keep the files for good), as on jsDelivr; `swagger-ui-dist` otherwise.
 */
const versioned = (name: string, assets: { readonly version?: string }) =>
  assets.version ? `${name}@${assets.version}` : name

function page(openapiUrl: string, css: readonly string[], js: readonly string[]): string {
  const links = css.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}" />`)
  const scripts = js.map((src) => `<script src="${escapeAttribute(src)}"></script>`)
  return `<div id="swagger-ui" data-openapi="${escapeAttribute(openapiUrl)}"></div>${links.join('')}${scripts.join('')}`
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

const escapeText = (text: string) => text.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`)
