import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DocsAssets } from './docs'

/**
 * Reads files of an installed package, from `folder` inside it, for an app to
 * serve itself (Node, Bun, Deno). Throws at once when the package is not
 * installed. The reader carries the package's version, which the docs page
 * writes into the files' URLs so that browsers may cache them for good.
 *
 * @example
 * ```ts
 * const redoc = installedPackage<'redoc.standalone.js'>('redoc', 'bundles')
 * await redoc('redoc.standalone.js') // the file's bytes
 * ```
 */
export function installedPackage<File extends string>(name: string, folder = ''): DocsAssets<File> {
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`)
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }
  const root = join(dirname(manifest), folder)
  const read = async (file: File) => new Uint8Array(await readFile(join(root, file)))
  return Object.assign(read, { version })
}
