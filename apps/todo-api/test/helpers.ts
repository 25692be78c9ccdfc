import { createTodoApp, type TodoApp } from '../src/app'
import { connect } from '../src/db/connect'
import type { Database } from '../src/db/database'
import { logger } from '../src/logging'
import { nodePlatform } from '../src/node'
import { loadSettings } from '../src/settings'
import { type TestDatabase, testDatabase } from './database'

/** The password every test user registers with; no response may ever contain it. */
export const PASSWORD = 'correct-horse-42'

export interface TestApp {
  readonly app: TodoApp
  /** A connection of the test's own to the app's database, to look behind the API. */
  database(): Promise<Database>
  /** `app.request` that also records each response body for {@link TestApp.bodies}. */
  request(path: string, init?: RequestInit, ctx?: ExecutionContextLike): Promise<Response>
  /** `request` with a JSON body (and an optional bearer token). */
  json(method: string, path: string, body?: unknown, token?: string): Promise<Response>
  /** Every response body received so far. */
  readonly bodies: string[]
  /** Registers a user and logs in, returning its tokens. */
  signUp(email: string): Promise<Session>
  /** POST /auth/token with the password form. */
  login(email: string, password?: string, scope?: string): Promise<Response>
  close(): Promise<void>
}

export interface Session {
  readonly email: string
  readonly access: string
  readonly refresh: string
}

export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
  readonly props: unknown
}

/**
 * A todo app on a fresh database — a SQLite file in the temp folder, or its own
 * schema on PostgreSQL when the suite runs there (see ./database) — quiet, with
 * rate limits high enough that one test's logins and writes do not throttle the
 * next (every `app.request()` counts as the same client).
 *
 * @example
 * ```ts
 * const t = await testApp({ LOGIN_MAX_FAILURES: '3' })
 * const { access } = await t.signUp('ann@example.com')
 * ```
 */
export async function testApp(
  env: Record<string, string> = {},
  log = logger('silent'),
): Promise<TestApp> {
  const store: TestDatabase = env.DATABASE_URL
    ? { url: env.DATABASE_URL, options: {}, drop: async () => {} }
    : await testDatabase()
  const settings = loadSettings({
    JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long',
    LOGIN_MAX_FAILURES: '1000',
    LOGIN_CLIENT_MAX_FAILURES: '1000',
    REGISTER_MAX: '1000',
    WRITE_MAX: '100000',
    // Jobs in memory, unless a test asks for an engine: pg-boss would start for every app on PostgreSQL.
    JOBS_ENGINE: 'memory',
    ...env,
    DATABASE_URL: store.url,
  })
  const app = createTodoApp(settings, await nodePlatform(settings, store.options), log)
  let own: Promise<Database> | undefined
  const database = () => {
    own ??= connect(store.url, store.options)
    return own
  }
  const bodies: string[] = []

  const request = async (path: string, init?: RequestInit, ctx?: ExecutionContextLike) => {
    const res = await app.request(path, init, undefined, ctx)
    bodies.push(await res.clone().text())
    return res
  }
  const json = (method: string, path: string, body?: unknown, token?: string) =>
    request(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
  const login = (email: string, password = PASSWORD, scope?: string) =>
    request('/auth/token', {
      method: 'POST',
      body: new URLSearchParams({ username: email, password, ...(scope ? { scope } : {}) }),
    })
  const signUp = async (email: string): Promise<Session> => {
    const registered = await json('POST', '/auth/register', { email, password: PASSWORD })
    if (registered.status !== 201) throw new Error(`register ${email}: ${registered.status}`)
    const res = await login(email)
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`)
    const tokens = (await res.json()) as { access_token: string; refresh_token: string }
    return { email, access: tokens.access_token, refresh: tokens.refresh_token }
  }
  const close = async () => {
    await app.shutdown()
    await (await own)?.close()
    await store.drop()
  }
  return { app, database, request, json, bodies, signUp, login, close }
}

/** An execution context like Workers' that collects what `waitUntil` is given. */
export function executionContext(): ExecutionContextLike & { pending: Promise<unknown>[] } {
  const pending: Promise<unknown>[] = []
  return {
    pending,
    waitUntil: (promise) => void pending.push(promise),
    passThroughOnException: () => {},
    props: {},
  }
}
