import type { WorkersLogger } from './workers'

/**
 * The command's own messages, one readable line each on stderr:
 * `worker exited: pid=41 code=1 restart_in_ms=1000`.
 *
 * @example
 * ```ts
 * cliLogger.info('started workers', { workers: 4 })
 * ```
 */
export const cliLogger: WorkersLogger = {
  info: (message, fields) => console.error(line(message, fields)),
  warn: (message, fields) => console.error(line(message, fields)),
  error: (message, error) =>
    console.error(error instanceof Error ? `${message}: ${error.message}` : message),
}

function line(message: string, fields: Readonly<Record<string, unknown>>): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`)
  return pairs.length > 0 ? `${message}: ${pairs.join(' ')}` : message
}
