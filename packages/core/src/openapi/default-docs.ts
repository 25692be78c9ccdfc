import type { DocsServer } from './docs'

/**
 * The docs an app serves when it names no `serveDocs`, on a runtime whose
 * bundles should stay small (Workers, a browser): none, so the OpenAPI
 * generator is bundled only by an app that imports `serveDocs`. `@sluice/core`
 * imports this module as `#default-docs`; on Node, Bun and Deno its
 * package.json maps that name to `default-docs.node.ts`, which serves them.
 *
 * @example
 * ```ts
 * const openapi = defaultDocs(app, options, routes) // serves nothing
 * openapi() // throws: name `serveDocs` in createApp's options
 * ```
 */
export const defaultDocs: DocsServer = () => () => {
  throw new TypeError(
    'This app has no OpenAPI document: outside Node, Bun and Deno, give createApp `serveDocs` (from @sluice/core) to build and serve it',
  )
}
