/*
 * The todo API as a child process of a runtime (Node, Bun, Deno), started the
 * way its entry documents, on a fresh SQLite file; the spawning itself is the
 * todo app's own test helper (apps/todo-api/test/process.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { spawnServer } from '../apps/todo-api/test/process'
import type { TodoApiServer } from './suite'

export { APP_DIR, NODE_MAIN, relayLines } from '../apps/todo-api/test/process'

/** The HS256 secret every runtime signs with (production requires one of 32+ bytes). */
export const JWT_SECRET = 'runtime-tests-secret-of-at-least-32-bytes'

/** How long a runtime may take to log `listening` before the start fails. */
const START_TIMEOUT = 60_000
/** How long a server may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT = 10_000

const require = createRequire(import.meta.url)

/**
 * The path of a runtime's executable inside the npm package that installs it
 * (a devDependency of this folder), run directly rather than through the
 * `.bin` shim, so the process we signal is the runtime itself.
 *
 * @example
 * ```ts
 * const bun = installedBinary('bun', 'bin/bun.exe')
 * ```
 */
export function installedBinary(pkg: string, file: string): string {
  let root: string
  try {
    root = dirname(require.resolve(`${pkg}/package.json`))
  } catch {
    throw new Error(`The ${pkg} package is not installed: run \`pnpm install\` at the root.`)
  }
  const path = join(root, file)
  if (!existsSync(path)) {
    throw new Error(
      `${pkg} is installed but ${path} is missing (its postinstall script puts it there): ` +
        `run \`pnpm rebuild ${pkg}\` at the root.`,
    )
  }
  return path
}

/**
 * Starts `command args` with a SQLite file in a temp folder and resolves once
 * it listens. `stop()` sends SIGTERM and expects a clean exit (code 0) — the
 * graceful shutdown every entry promises — then kills whatever is left of its
 * process group and removes the temp folder.
 *
 * @example
 * ```ts
 * const server = await startServer(process.execPath, NODE_MAIN)
 * await fetch(`${server.url}/health`)
 * await server.stop()
 * ```
 */
export async function startServer(
  command: string,
  args: readonly string[],
): Promise<TodoApiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-runtime-'))
  const server = spawnServer(command, args, {
    // A folder that does not exist yet: every entry must create it, as the README says.
    DATABASE_URL: join(dataDir, 'data', 'todo.db'),
    JWT_SECRET,
    LOG_LEVEL: 'info',
    NO_COLOR: '1',
    DENO_NO_UPDATE_CHECK: '1',
    DO_NOT_TRACK: '1',
  })
  const cleanUp = () => {
    server.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const url = await Promise.race([
      server.listening,
      delay(START_TIMEOUT).then(() => {
        throw new Error(`waited ${START_TIMEOUT} ms before listening:\n${server.output.join('\n')}`)
      }),
    ])
    return {
      url,
      async stop() {
        server.kill('SIGTERM')
        const code = await Promise.race([
          server.exited(),
          delay(STOP_TIMEOUT).then(() => 'timeout'),
        ])
        cleanUp()
        if (code !== 0) {
          throw new Error(
            `${command} ended with ${code} after SIGTERM:\n${server.output.join('\n')}`,
          )
        }
      },
    }
  } catch (error) {
    cleanUp()
    throw error
  }
}

/** Resolves after `ms`, without keeping the test process alive. */
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())
