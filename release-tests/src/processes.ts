/*
 * Commands as a user types them, in a clean environment: child processes whose whole output is
 * kept for the failure message, and servers found through the URL they print.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'

/**
 * The environment a user's shell would give npm: this one without what pnpm, npm and vitest
 * put in it for the test run (npm_config_*, npm_package_*, VITEST…), plus `extra`. HOME stays,
 * so npm still reads the user's ~/.npmrc (its nodedir lets better-sqlite3 build offline).
 */
export function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|VITEST|TEST_|TODO_TEST_|NODE_OPTIONS$|INIT_CWD$)/i.test(key)) continue
    env[key] = value
  }
  return { ...env, ...extra }
}

export interface Run {
  readonly code: number | null
  readonly output: string
}

/** Runs `command` through the shell in `cwd` and resolves when it exits; rejects on a non-zero exit. */
export function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  // A test whose setup failed must not run npm in the repository instead.
  if (!cwd || !existsSync(cwd))
    return Promise.reject(new Error(`no folder ${cwd} to run ${command} in`))
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (code === 0) resolve({ code, output })
      else
        reject(new Error(`\`${command}\` in ${cwd} exited with ${code}:\n${output.slice(-8000)}`))
    })
  })
}

export interface Server {
  /** The first local http:// URL the process printed (a host of 127.0.0.1, the path as printed). */
  readonly url: Promise<string>
  readonly output: () => string
  /** Resolves with the exit code once the process has exited (null after a signal). */
  readonly exited: Promise<number | null>
  /** Ends the process group (npm, the shell, the server under them). */
  stop(): Promise<void>
}

const PRINTED_URL = /https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):\d+[^\s"'`]*/

/**
 * Starts a long-running command (`npm start`) in a process group of its own and resolves
 * `url` with the first local URL it prints (a "listening" log line); rejects if it exits first.
 * `user` runs it as another uid and gid (a container's USER; this process must be root).
 */
export function startServer(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  user?: { readonly uid: number; readonly gid: number },
): Server {
  if (!cwd || !existsSync(cwd)) throw new Error(`no folder ${cwd} to run ${command} in`)
  const child: ChildProcess = spawn(command, {
    cwd,
    env,
    ...user,
    shell: true,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const url = new Promise<string>((resolve, reject) => {
    const read = (stream: NodeJS.ReadableStream) =>
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line)
        const found = PRINTED_URL.exec(line)?.[0]
        if (found) resolve(found.replace(/localhost|0\.0\.0\.0|\[::1?\]/, '127.0.0.1'))
      })
    read(child.stdout!)
    read(child.stderr!)
    child.once('exit', (code) =>
      reject(
        new Error(`\`${command}\` exited with ${code} before printing a URL:\n${lines.join('\n')}`),
      ),
    )
  })
  url.catch(() => {})
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return {
    url,
    exited,
    output: () => lines.join('\n'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
      }
      await exited
    },
  }
}
