import { createServer } from 'node:net'
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
 * What to tell the user about a port they cannot listen on.
 *
 * @example
 * ```ts
 * portProblem(error, '127.0.0.1', 8000) // 'Port 8000 on 127.0.0.1 is already in use: …'
 * ```
 */
export function portProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE')
    return `Port ${port} on ${host} is already in use: stop what is using it, or pick another with --port.`
  if (error.code === 'EACCES')
    return `Not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges): pick another with --port.`
  return `Cannot listen on ${host}:${port}: ${error.message}`
}
