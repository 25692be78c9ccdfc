import { createServer } from 'node:net'
import { listenFailure } from '@sluice/core/node'
import { UsageError } from './usage-error'

/**
 * Fails with one line naming `--port` when `port` cannot be listened on at
 * `host`, before anything is started: the reloader (`sluice dev`) and the
 * workers' primary (`sluice run --workers`) would otherwise report it again
 * and again, once per restart.
 *
 * @throws {UsageError} when the port is in use or not allowed.
 *
 * @example
 * ```ts
 * await assertPortFree('127.0.0.1', 8000)
 * ```
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const probe = createServer()
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen({ port, host, exclusive: true }, resolve)
    })
  } catch (error) {
    throw new UsageError(portProblem(error as NodeJS.ErrnoException, host, port))
  }
  await new Promise((resolve) => probe.close(resolve))
}

/**
 * What to tell the user about a port they cannot listen on: core's line, pointing at `--port`.
 *
 * @example
 * ```ts
 * portProblem(error, '127.0.0.1', 8000) // 'Port 8000 is already in use: stop what is using it, or pick another with --port.'
 * ```
 */
export function portProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  return listenFailure(error, port, host, 'pick another with --port')
}
