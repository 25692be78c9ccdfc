import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DevServerOptions } from './dev-server'
import { assertPortFree } from './port'

/** The module tsx restarts on every change, beside this one (`.ts` in the sources, `.js` when built). */
const DEV_SERVER = fileURLToPath(
  new URL(`./dev-server${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
)

/**
 * `sluice dev`: serves the app with `tsx watch`, which restarts the server
 * (draining it, so the app's shutdown runs) whenever a file the entry imports
 * changes. Resolves with the exit code once the watcher has stopped.
 *
 * Ctrl-C reaches the watcher and the server from the terminal; SIGTERM and
 * SIGHUP sent to this process alone are passed on to the watcher.
 *
 * @example
 * ```ts
 * process.exitCode = await dev({ entry: '/home/ada/api/src/main.ts', host: '127.0.0.1', port: 8000 })
 * ```
 */
export async function dev(options: DevServerOptions): Promise<number> {
  await assertPortFree(options.host, options.port)
  const tsx = createRequire(import.meta.url).resolve('tsx/cli')
  const watcher = spawn(
    process.execPath,
    [tsx, 'watch', '--clear-screen=false', ...conditions(), DEV_SERVER, JSON.stringify(options)],
    { stdio: 'inherit' },
  )
  process.on('SIGINT', () => {})
  for (const signal of ['SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => watcher.kill(signal))
  return new Promise((resolve, reject) => {
    watcher.once('error', reject)
    watcher.once('exit', (code) => resolve(code ?? 1))
  })
}

/** The export conditions this process was started with (`--conditions=@sluice/source` in a workspace), for the server too. */
function conditions(): string[] {
  return process.execArgv.filter((flag) => /^(--conditions|-C)(=|$)/.test(flag))
}
