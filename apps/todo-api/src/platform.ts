import type { PasswordHasher } from '@sluice/auth'
import type { EventLog, RoomsBackend, WebSocketOption } from '@sluice/core'
import type { JobEngine } from '@sluice/jobs'
import type { PrometheusMetrics } from '@sluice/metrics'
import type { RateLimitStore } from '@sluice/rate-limit'
import type { OpenDatabase } from './db/database'

/**
 * What differs between the runtimes the todo API runs on; each entry
 * (main.ts for Node, worker.ts, bun.ts, deno.ts) provides its own, and
 * everything else is the same code.
 */
export interface Platform {
  /** Opens and migrates the database (see db/connect.ts, and worker.ts for D1). */
  readonly openDatabase: OpenDatabase
  /** How passwords are hashed: scrypt where `node:crypto` has it, PBKDF2 through WebCrypto elsewhere. */
  readonly passwords: PasswordHasher
  /** The runtime's WebSocket upgrade, for the live feed. */
  readonly websocket?: WebSocketOption
  /**
   * Where the live feed's changes travel (WebSocket rooms) and are kept for
   * `Last-Event-ID` (event streams); default this process's memory.
   */
  readonly live?: LiveBackends
  /** Where rate limits are counted; default this process's memory. */
  readonly rateLimitStore?: RateLimitStore
  /**
   * Makes the engine background jobs wait in (Node: BullMQ or pg-boss), for `JOBS_ENGINE`'s
   * choice; `undefined` (or no function) leaves them in this process's memory.
   */
  readonly jobEngine?: (choice: 'auto' | 'bullmq' | 'pg-boss') => JobEngine | undefined
  /** Makes the app's Prometheus metrics (Node only); called when METRICS_ENABLED is on. */
  readonly metrics?: () => PrometheusMetrics
}

/** What carries the live feed past one process. */
export interface LiveBackends {
  readonly rooms: RoomsBackend
  readonly events: EventLog
}
