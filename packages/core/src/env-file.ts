import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'dotenv'
import type { EnvFile } from './settings'

/**
 * Options of {@link readEnvFile}.
 *
 * @example
 * ```ts
 * const options: ReadEnvFileOptions = { required: true }
 * ```
 */
export interface ReadEnvFileOptions {
  /** Fail when the file does not exist. Default `false`: a missing file reads no variables, as pydantic-settings does. */
  readonly required?: boolean
}

/**
 * Reads a `.env` file (the common dotenv syntax: `KEY=value` lines, `export`,
 * quotes, multi-line double-quoted values, `#` comments) for
 * `settings()`'s `envFile` option. A relative path is resolved against the
 * working directory. Node only: on Workers, variables come from `env`.
 *
 * Returns `undefined` when the file does not exist and is not `required`;
 * throws when it exists but cannot be read.
 *
 * @example
 * ```ts
 * import { settings } from '@sluice/core'
 * import { readEnvFile } from '@sluice/core/node'
 *
 * const config = settings(schema, process.env, { envFile: readEnvFile('.env') })
 * ```
 */
export function readEnvFile(path = '.env', options: ReadEnvFileOptions = {}): EnvFile | undefined {
  const absolute = resolve(path)
  let text: string
  try {
    text = readFileSync(absolute, 'utf8')
  } catch (error) {
    if (!options.required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`Cannot read the settings file ${absolute}: ${(error as Error).message}`, {
      cause: error,
    })
  }
  return { path: absolute, values: parse(text) }
}
