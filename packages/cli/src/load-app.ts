import { relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findAppState, type SluiceApp } from '@sluice/core'
import { UsageError } from './usage-error'

/**
 * Imports `file` and returns the app it exports: the export named `name`, else
 * `app`, else the default export. TypeScript entries need tsx's loader in this
 * process (`sluice` registers it).
 *
 * @throws {UsageError} when the module exports no app made by `createApp()`.
 *
 * @example
 * ```ts
 * const app = await loadApp('/home/ada/api/src/main.ts')
 * ```
 */
export async function loadApp(file: string, name?: string): Promise<SluiceApp> {
  const module: Record<string, unknown> = await import(pathToFileURL(file).href)
  const shown = relative(process.cwd(), file) || file
  if (name !== undefined) {
    if (!(name in module)) {
      const names = Object.keys(module).join(', ') || 'none'
      throw new UsageError(`${shown} has no export named ${name} (its exports: ${names})`)
    }
    return sluiceApp(module[name], `${shown}'s export ${name}`)
  }
  const found = 'app' in module ? 'app' : 'default' in module ? 'default' : undefined
  if (found === undefined)
    throw new UsageError(
      `${shown} exports no app: export it as \`export const app = createApp(…)\` or as the default export, or name its export with --app`,
    )
  return sluiceApp(module[found], `${shown}'s export ${found}`)
}

function sluiceApp(value: unknown, what: string): SluiceApp {
  if (typeof value === 'object' && value !== null && findAppState(value)) return value as SluiceApp
  throw new UsageError(`${what} is not an app made by createApp() from @sluice/core`)
}
