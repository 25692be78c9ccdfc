import { writeFile } from 'node:fs/promises'
import type { SluiceApp } from '@sluice/core'

/**
 * `sluice openapi`: the app's OpenAPI document as JSON, written to `output`,
 * or to stdout without one, for client generators (openapi-typescript,
 * openapi-generator). Nothing is served and the app is not started.
 *
 * @example
 * ```ts
 * await writeOpenAPI(app, 'openapi.json')
 * ```
 */
export async function writeOpenAPI(app: SluiceApp, output?: string): Promise<void> {
  const json = `${JSON.stringify(app.openapi(), null, 2)}\n`
  if (output !== undefined) await writeFile(output, json)
  else
    await new Promise<void>((resolve, reject) => {
      process.stdout.write(json, (error) => (error ? reject(error) : resolve()))
    })
}
