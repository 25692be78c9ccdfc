/*
 * The todo API as a real process, for tests about the process (signals,
 * several processes on one database) and for runtime-tests/, which starts it
 * on each runtime: found through its `listening` log line, and stopped with its
 * whole process group so nothing outlives the tests.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'

/** The app's folder: every entry runs from there, as its README says. */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url))

/** What `pnpm start` runs: tsx, with workspace packages read from their sources. */
export const NODE_MAIN = ['--conditions=@sluice/source', '--import', 'tsx', 'src/main.ts'] as const

export interface ServerProcess {
  readonly child: ChildProcess
  /** The server's base URL, once it logged `listening`; rejects if it exited before. */
  readonly listening: Promise<string>
  /** Every line it wrote, stdout and stderr. */
  readonly output: string[]
  /** Resolves with its exit code (`null` when a signal ended it) once it exited and its output was read. */
  exited(): Promise<number | null>
  /** Sends `signal` to its whole process group, if anything in it is still running. */
  kill(signal: NodeJS.Signals): void
}

/**
 * Starts `command args` in the app's folder on a free port of 127.0.0.1 in
 * production mode, with `env` on top (DATABASE_URL and JWT_SECRET at least).
 * It leads a process group of its own, so `kill` reaches anything it started;
 * call `kill('SIGKILL')` in `afterAll`. What it writes is kept in `output` and
 * relayed (see {@link relayLines}).
 *
 * @example
 * ```ts
 * const server = spawnServer(process.execPath, NODE_MAIN, { DATABASE_URL: file, JWT_SECRET: secret })
 * afterAll(() => server.kill('SIGKILL'))
 * const url = await server.listening
 * ```
 */
export function spawnServer(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): ServerProcess {
  const child = spawn(command, args, {
    cwd: APP_DIR,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  const output: string[] = []
  const record = (line: string) => output.push(line)
  relayLines(child.stderr!, record)
  const listening = new Promise<string>((resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`exited with ${code ?? signal} before listening: ${output.join('\n')}`)),
    )
    child.once('error', reject)
    relayLines(child.stdout!, (line) => {
      record(line)
      const entry = line.startsWith('{') ? JSON.parse(line) : {}
      if (entry.message === 'listening') resolve(entry.url)
    })
  })
  // A test that never awaits `listening` (its setup failed first) must not see an unhandled rejection.
  listening.catch(() => {})
  // `close`, not `exit`: it comes once the output pipes are read to the end, so
  // a test that reads `output` after `exited()` sees the last lines too.
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve))
  return {
    child,
    listening,
    output,
    exited: () => closed,
    kill: (signal) => {
      // No pid: it never started (and -0 would be our own group).
      if (child.pid === undefined) return
      try {
        process.kill(-child.pid, signal)
      } catch (error) {
        // ESRCH: the group is gone, everything in it has exited.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
      }
    },
  }
}

/**
 * Calls `onLine` with each line of a server's output, and passes on to the
 * test's stderr the lines worth a look — anything but the app's debug and info
 * log lines — so a 500's logged cause shows beside the failing test.
 *
 * @example
 * ```ts
 * relayLines(child.stderr!, (line) => output.push(line))
 * ```
 */
export function relayLines(stream: Readable, onLine: (line: string) => void = () => {}): void {
  createInterface({ input: stream }).on('line', (line) => {
    onLine(line)
    if (!/^\{"level":"(?:debug|info)"/.test(line)) process.stderr.write(`${line}\n`)
  })
}

/**
 * What `pnpm start` runs, on Node.
 *
 * @example
 * ```ts
 * const server = startServer({ DATABASE_URL: file, JWT_SECRET: secret })
 * ```
 */
export function startServer(env: Record<string, string>): ServerProcess {
  return spawnServer(process.execPath, NODE_MAIN, env)
}
