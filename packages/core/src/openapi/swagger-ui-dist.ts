import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { SwaggerUIAssets, SwaggerUIFile } from './docs'

/**
 * Reads Swagger UI's files from the installed `swagger-ui-dist` package (a peer
 * dependency to install beside `@sluice/core`), once each, so an app serves its
 * docs page offline. For Node, Bun and Deno; on Workers, read them from an
 * assets binding instead.
 *
 * @example
 * ```ts
 * import { swaggerUIDist } from '@sluice/core/swagger-ui-dist'
 *
 * export const app = createApp({ routes, swaggerUIAssets: swaggerUIDist() })
 * ```
 */
export function swaggerUIDist(): SwaggerUIAssets {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const read = new Map<SwaggerUIFile, Promise<Uint8Array<ArrayBuffer>>>()
  return (file) => {
    let content = read.get(file)
    if (!content) {
      content = readFile(join(folder, file)).then((bytes) => new Uint8Array(bytes))
      // A failed read (the package is missing) is tried again on the next request.
      content.catch(() => read.delete(file))
      read.set(file, content)
    }
    return content
  }
}
