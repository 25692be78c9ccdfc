import { readEnvFile } from '@sluice/core/node'
import { loadSettings, type Settings } from './settings'

/**
 * The settings on Node: environment variables, and for those it lacks the `.env`
 * file in the working directory, if there is one, or the file ENV_FILE names,
 * which must exist. (Workers read their variables from bindings; this file is
 * never part of their bundle.)
 *
 * @example
 * ```ts
 * const settings = loadNodeSettings() // ENV_FILE=/etc/todo-api.env npx -y pnpm@10 start
 * ```
 */
export function loadNodeSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const named = env.ENV_FILE
  return loadSettings(env, readEnvFile(named ?? '.env', { required: named !== undefined }))
}
