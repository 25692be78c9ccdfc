import type { RedocAssets, RedocFile } from './docs'
import { installedPackage } from './installed-package'

/**
 * Reads ReDoc's standalone bundle from the installed `redoc` package (an
 * optional peer dependency: `npm install redoc`), for an app to serve itself
 * at `/redoc`. On Node, Bun and Deno an app does so without asking once
 * `redoc` is installed; pass this only to serve another copy.
 *
 * @example
 * ```ts
 * import { redocDist } from '@sluice/core/redoc-dist'
 *
 * export const app = createApp({ routes, redocAssets: redocDist() })
 * ```
 */
export function redocDist(): RedocAssets {
  return installedPackage<RedocFile>('redoc', 'bundles')
}
