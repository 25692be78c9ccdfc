import type { SwaggerUIAssets, SwaggerUIFile } from './docs'
import { installedPackage } from './installed-package'

/**
 * Reads Swagger UI's files from the installed `swagger-ui-dist` package (a
 * dependency of `@sluice/core`), for an app to serve itself. On Node, Bun and
 * Deno an app does so without asking: pass this only to serve another copy of
 * the package than the one `@sluice/core` finds. On Workers, see
 * `docs/deployment.md`.
 *
 * @example
 * ```ts
 * import { swaggerUIDist } from '@sluice/core/swagger-ui-dist'
 *
 * export const app = createApp({ routes, swaggerUIAssets: swaggerUIDist() })
 * ```
 */
export function swaggerUIDist(): SwaggerUIAssets {
  return installedPackage<SwaggerUIFile>('swagger-ui-dist')
}
