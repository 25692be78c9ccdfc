import { depends, type EnvFile, settings } from '@sluice/core'
import * as v from 'valibot'
import { logger } from './logging'

const PositiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1))
const Seconds = PositiveInteger
const Count = PositiveInteger

/** Every setting of the todo API, read from environment variables (and on Node a `.env` file). */
export const Settings = v.pipe(
  v.object({
    NODE_ENV: v.optional(v.picklist(['development', 'production', 'test']), 'development'),
    PORT: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535)), 8000),
    HOST: v.optional(v.string(), '0.0.0.0'),
    /** A SQLite file path (or `:memory:`), a libSQL URL (`file:`, `libsql://`) or `postgres://…`. */
    DATABASE_URL: v.optional(v.pipe(v.string(), v.minLength(1)), './data/todo.db'),
    /** HS256 secret, at least 32 bytes. Required in production; random (with a warning) otherwise. */
    JWT_SECRET: v.optional(
      v.pipe(v.string(), v.minBytes(32, 'JWT_SECRET must be at least 32 bytes')),
    ),
    ACCESS_TOKEN_TTL: v.optional(Seconds, 15 * 60),
    REFRESH_TOKEN_TTL: v.optional(Seconds, 14 * 24 * 60 * 60),
    /** Comma-separated origins allowed by CORS; empty allows none. */
    CORS_ORIGINS: v.optional(v.string(), ''),
    DOCS_ENABLED: v.optional(v.boolean(), true),
    /** GraphiQL, the in-browser GraphQL IDE, at /graphql: for development only. */
    GRAPHIQL_ENABLED: v.optional(v.boolean(), false),
    LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
    /** Failed logins allowed per account and client in a window before 429. */
    LOGIN_MAX_FAILURES: v.optional(Count, 5),
    /** Failed logins allowed per client over every account in the same window. */
    LOGIN_CLIENT_MAX_FAILURES: v.optional(Count, 50),
    LOGIN_WINDOW: v.optional(Seconds, 15 * 60),
    /** Accounts one client may create per window. */
    REGISTER_MAX: v.optional(Count, 10),
    REGISTER_WINDOW: v.optional(Seconds, 60 * 60),
    /** Writes (create, replace, change, delete) one user may make per window. */
    WRITE_MAX: v.optional(Count, 120),
    WRITE_WINDOW: v.optional(Seconds, 60),
    /** Leading bits of an IPv6 address that name one client in the per-client limits: one subscriber gets a whole /64. */
    RATE_LIMIT_IPV6_PREFIX: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(128)),
      64,
    ),
    /** A Redis server (`redis://…`) the instances share their rate limits and live feed through; without it each keeps its own. */
    REDIS_URL: v.optional(
      v.pipe(v.string(), v.regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')),
    ),
    /** Gzip answers of 1000 bytes or more for clients that accept it; off, as it triples the CPU a list costs. */
    COMPRESSION_ENABLED: v.optional(v.boolean(), false),
    /** Node processes sharing the port (node:cluster); 1 serves from the main process. */
    WORKERS: v.optional(Count, 1),
    /**
     * Where background jobs (welcome mail, reminders) wait: `auto` is BullMQ when REDIS_URL is
     * set, pg-boss when DATABASE_URL is PostgreSQL, else `memory` (this process; lost at exit).
     */
    JOBS_ENGINE: v.optional(v.picklist(['auto', 'memory', 'bullmq', 'pg-boss']), 'auto'),
    /** Run the job workers in this process; off where other processes run them. */
    JOBS_WORKER: v.optional(v.boolean(), true),
    /** Seconds before the start of a todo's due date (UTC) its reminder is sent. */
    REMINDER_LEAD: v.optional(Seconds, 24 * 60 * 60),
    /** Serve Prometheus metrics at /metrics (Node only). Off by default: keep it off the public internet. */
    METRICS_ENABLED: v.optional(v.boolean(), false),
  }),
  v.check(
    (env) => env.NODE_ENV !== 'production' || env.JWT_SECRET !== undefined,
    'JWT_SECRET is required when NODE_ENV=production',
  ),
  v.check(
    (env) => env.JOBS_ENGINE !== 'bullmq' || env.REDIS_URL !== undefined,
    'JOBS_ENGINE=bullmq needs REDIS_URL',
  ),
  v.check(
    (env) => env.JOBS_ENGINE !== 'pg-boss' || /^postgres(ql)?:\/\//.test(env.DATABASE_URL),
    'JOBS_ENGINE=pg-boss needs a postgres:// DATABASE_URL',
  ),
)

export type Settings = v.InferOutput<typeof Settings>

/**
 * Reads the settings once and fails with every problem listed; variables `source`
 * lacks are read from `envFile`. Outside production a missing JWT_SECRET becomes a
 * random one, so tokens do not survive a restart: a warning says so, a JSON line
 * written with `write` (the app's logger's; standard output by default).
 */
export function loadSettings(
  source?: Record<string, string | undefined>,
  envFile?: EnvFile,
  write?: (line: string) => void,
): Settings {
  const loaded = settings(Settings, source, { envFile })
  if (loaded.JWT_SECRET) return loaded
  logger(loaded.LOG_LEVEL, write).warn(
    'JWT_SECRET is not set: using a random secret; tokens will not survive a restart',
  )
  const random = crypto.getRandomValues(new Uint8Array(32))
  return Object.freeze({ ...loaded, JWT_SECRET: btoa(String.fromCharCode(...random)) })
}

/** The settings as a dependency, created once; tests replace it with `app.override(appSettings, …)`. */
export const appSettings = depends(() => loadSettings(), { scope: 'app', name: 'settings' })
