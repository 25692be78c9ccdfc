import type { InstalledDocsAssets } from './docs'
import { redocDist } from './redoc-dist'
import { swaggerUIDist } from './swagger-ui-dist'

/**
 * The docs pages' files found installed, on Node, Bun and Deno (what
 * `#docs-assets` means there, by package.json's conditions): Swagger UI from
 * `swagger-ui-dist`, a dependency of `@sluice/core`, and ReDoc from `redoc`
 * when it is installed. A page whose files are not installed loads them from
 * jsDelivr.
 *
 * @example
 * ```ts
 * installedDocsAssets().swaggerUI?.version // '5.35.0'
 * ```
 */
export function installedDocsAssets(): InstalledDocsAssets {
  const swaggerUI = ifInstalled(swaggerUIDist)
  const redoc = ifInstalled(redocDist)
  return { ...(swaggerUI && { swaggerUI }), ...(redoc && { redoc }) }
}

/** The reader, or nothing when its package cannot be found (the page then uses the CDN). */
function ifInstalled<Assets>(find: () => Assets): Assets | undefined {
  try {
    return find()
  } catch {
    return undefined
  }
}
