import type { MiddlewareHandler } from 'hono'

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LEVELS)[number]

/** Writes one JSON line at or above `level`; `silent` writes nothing. */
export function logger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
) {
  const threshold = LEVELS.indexOf(level)
  const at =
    (name: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS.indexOf(name) >= threshold)
        write(JSON.stringify({ level: name, time: new Date().toISOString(), message, ...fields }))
    }
  return {
    /** Whether lines at `name` are written: callers skip gathering fields no one will read. */
    enabled: (name: Exclude<LogLevel, 'silent'>) => LEVELS.indexOf(name) >= threshold,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    /** Errors keep their name and message; stacks stay out of request logs. */
    error: (message: string, error?: unknown) => at('error')(message, errorFields(error)),
  }
}

export type Logger = ReturnType<typeof logger>

/** An error as log fields: its name and message, never a stack. */
const errorFields = (error: unknown) =>
  error instanceof Error ? { error: `${error.name}: ${error.message}` } : {}

/**
 * The app's logger as the packages' `logger` option takes it (`warn(message, error)`,
 * `@sluice/rate-limit`'s and `@sluice/redis`'s): their warnings become JSON lines like
 * the app's own, rather than `console` lines with stack traces.
 *
 * @example
 * ```ts
 * rateLimit({ name: 'login', points: 5, duration: 60, logger: packageLogger(log) })
 * ```
 */
export function packageLogger(log: Logger) {
  return { warn: (message: string, error?: unknown) => log.warn(message, errorFields(error)) }
}

/**
 * One line per request: method, path (never the query string, which may carry
 * credentials), status, duration and request id. Bodies and headers are never logged.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  // Below `info` there is no line to write: the request passes with no clock read and no fields gathered.
  if (!log.enabled('info')) return (_, next) => next()
  return async (c, next) => {
    const started = performance.now()
    await next()
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      request_id: c.get('requestId'),
    })
  }
}
