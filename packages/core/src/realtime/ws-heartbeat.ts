/**
 * How often a `websocketRoute` connection is pinged. A peer that has neither answered
 * a ping nor sent a message for a whole interval is considered dead: its
 * connection is terminated and cleaned up.
 *
 * @example
 * ```ts
 * websocketRoute('/chat', { heartbeat: { interval: 15_000 } }, handler)
 * ```
 */
export interface HeartbeatOptions {
  /** Milliseconds between pings. Default 30 000. */
  readonly interval: number
}

/** A running heartbeat: `alive()` records a sign of life, `stop()` ends it. */
export interface Heartbeat {
  alive(): void
  stop(): void
}

/** The protocol-level ping/pong of a raw socket, where the runtime exposes one (Node's `ws`). */
interface PingingSocket {
  ping(): void
  on(event: 'pong', listener: () => void): void
  terminate?(): void
}

function canPing(raw: unknown): raw is PingingSocket {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    typeof (raw as PingingSocket).ping === 'function' &&
    typeof (raw as PingingSocket).on === 'function'
  )
}

const NONE: Heartbeat = { alive() {}, stop() {} }

/**
 * Pings `raw` every `interval` ms with WebSocket ping frames (which browsers
 * answer by themselves) and calls `onDead` when a whole interval passed without
 * a pong or a message. Runtimes whose raw socket has no ping/pong events (Bun,
 * Deno, Workers) get no heartbeat here: their own idle timeouts close dead peers.
 *
 * @example
 * ```ts
 * const heartbeat = startHeartbeat(ws.raw, { interval: 30_000 }, () => ws.raw.terminate())
 * ```
 */
export function startHeartbeat(
  raw: unknown,
  options: HeartbeatOptions,
  onDead: () => void,
): Heartbeat {
  if (!canPing(raw)) return NONE
  let alive = true
  raw.on('pong', () => {
    alive = true
  })
  const timer = setInterval(() => {
    if (!alive) {
      clearInterval(timer)
      onDead()
      return
    }
    alive = false
    raw.ping()
  }, options.interval)
  // A heartbeat alone must not keep a process (or a test run) alive.
  if (typeof timer === 'object' && 'unref' in timer) timer.unref()
  return {
    alive() {
      alive = true
    },
    stop() {
      clearInterval(timer)
    },
  }
}
