import type { InstalledDocsAssets } from './docs'

/**
 * The docs pages' files found installed, on a runtime that cannot read
 * installed packages (Workers, a browser): none, so the pages load them from
 * jsDelivr unless the app gives its own. `@sluice/core` imports this module as
 * `#docs-assets`; on Node, Bun and Deno its package.json maps that name to
 * `docs-assets.node.ts` instead, so an edge bundle never holds a file reader.
 *
 * @example
 * ```ts
 * installedDocsAssets() // {}
 * ```
 */
export function installedDocsAssets(): InstalledDocsAssets {
  return {}
}
