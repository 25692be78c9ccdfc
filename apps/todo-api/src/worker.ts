/*
 * The todo API on Cloudflare Workers, with its data on D1. `wrangler.toml`
 * beside this folder deploys it as is: `pnpm workers:deploy`, then
 * `pnpm workers:migrate --remote` (see docs/deployment.md).
 * Nothing here imports from `node:`, so no compatibility flag is needed.
 */
import { passwordHashing, pbkdf2Hasher } from '@sluice/auth'
import { openD1 } from '@sluice/db/d1'
import type { ExecutionContext } from 'hono'
import { upgradeWebSocket } from 'hono/cloudflare-workers'
import { createTodoApp, type TodoApp } from './app'
import { sqliteDatabase } from './db/database'
import * as schema from './db/schema'
import { logger } from './logging'
import { loadSettings } from './settings'

/** The Worker's bindings: the D1 database, plus the variables and secrets the settings read. */
export interface Env {
  readonly DB: Parameters<typeof openD1>[0]
  readonly [variable: string]: unknown
}

/**
 * PBKDF2-SHA256 at 100 000 iterations: Cloudflare's production runtime refuses
 * more (workerd's local build does not enforce it, so the tests cannot tell),
 * below OWASP's 600 000. Hashes from the Node entry (scrypt) cannot be read here.
 */
const passwords = passwordHashing(pbkdf2Hasher({ iterations: 100_000 }))

let app: TodoApp | undefined

/** The settings' variables and secrets: the string-valued bindings. */
function variables(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/** The app, made at the first request: Workers hand over bindings and secrets only with a request. */
function todoApp(env: Env): TodoApp {
  if (app) return app
  // Workers have no `process.stdout`: their log stream (Workers Logs, `wrangler tail`) is the console.
  const settings = loadSettings(variables(env), undefined, console.log)
  app = createTodoApp(
    settings,
    {
      openDatabase: async () => sqliteDatabase(openD1(env.DB, { schema }), schema, async () => {}),
      passwords,
      websocket: { upgradeWebSocket },
    },
    logger(settings.LOG_LEVEL, console.log),
  )
  return app
}

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    todoApp(env).fetch(request, env, ctx),
}
