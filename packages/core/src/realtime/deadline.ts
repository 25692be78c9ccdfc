import type { Dependency } from '../depends'
import type { RequestInputs } from '../route'

/** The `deps` key under which a route's `until` dependency is resolved, out of the handler's sight. */
const DEADLINE = '~until'

/** The route's dependencies, plus its `until` one (if any) under a key no handler argument can take. */
export function withDeadline(
  deps: RequestInputs['deps'],
  until: Dependency<Date | number | undefined> | undefined,
): NonNullable<RequestInputs['deps']> {
  return until ? { ...deps, [DEADLINE]: until } : (deps ?? {})
}

/** Takes the resolved `until` out of the handler's arguments: epoch milliseconds, or `undefined`. */
export function takeDeadline(args: Record<string, unknown>): number | undefined {
  const deadline = args[DEADLINE] as Date | number | undefined
  delete args[DEADLINE]
  return deadline instanceof Date ? deadline.getTime() : deadline
}

/** `setTimeout`'s longest delay; a later deadline is waited for in steps. */
const MAX_DELAY = 2 ** 31 - 1

/**
 * Calls `expire` at `deadline` (epoch ms; at once if it has passed, never if
 * `undefined`); returns the function that cancels it. The timer does not keep
 * the process alive.
 *
 * @example
 * ```ts
 * const cancel = atDeadline(Date.now() + 60_000, () => socket.close(1008, 'Session expired'))
 * ```
 */
export function atDeadline(deadline: number | undefined, expire: () => void): () => void {
  if (deadline === undefined) return () => {}
  let timer: ReturnType<typeof setTimeout>
  const wait = () => {
    const left = deadline - Date.now()
    if (left <= 0) return expire()
    timer = setTimeout(wait, Math.min(left, MAX_DELAY))
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
  }
  wait()
  return () => clearTimeout(timer)
}
