/**
 * Scenario 3: the whole todo app's `GET /todos` (JWT + SQLite + response
 * filtering) — Sluice's apps/todo-api, the same endpoint hand-written on plain
 * Hono + drizzle, and FastAPI — on one seeded SQLite file, with one token.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import Database from 'better-sqlite3'
import { buildTodoApp, TODO_APP_BUNDLE } from './build'
import { BENCH_DIR, bundlePath, type Contender, fastapiServer, notBuilt } from './contenders'
import { profileServer, profileTable } from './profile'
import {
  compare,
  compareColdStarts,
  comparisonText,
  endpointTables,
  find,
  processTable,
  skippedList,
  type TargetRow,
  verdict,
} from './report'
import { runScenario, type Scenario } from './run'
import type { RunningServer } from './server'
import { settings } from './settings'
import type { Endpoint } from './spec'

export const APP_DIR = `${BENCH_DIR}../apps/todo-api/`
const DATA_DIR = `${BENCH_DIR}.tmp/todo/`
const DATABASE_URL = `${DATA_DIR}todo.db`
/** A fixed 32-byte secret, so every contender verifies the same token. */
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret!'
const LIST_PATH = '/todos'
const TODOS_PER_USER = 100

const TARGET_THROUGHPUT = 'todo `GET /todos`: ≥ 10× FastAPI 0.142 throughput (1 worker each)'
const TARGET_CPU = 'todo `GET /todos`: CPU/req ≤ 1.3× hand-written Hono + drizzle'
const TARGET_COLD_START = 'todo app cold start ≤ 1.5× hand-written Hono + drizzle'

const sharedEnv = {
  DATABASE_URL,
  JWT_SECRET,
  TODO_LIST_PATH: LIST_PATH,
  ACCESS_TOKEN_TTL: '86400',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  DOCS_ENABLED: 'false',
}

const contenders: Contender[] = [
  {
    id: 'todo-hono',
    label: 'Hono + drizzle, hand-written (baseline)',
    env: sharedEnv,
    command: () => [process.execPath, bundlePath('todo-hono')],
    unavailable: () => notBuilt('todo-hono'),
  },
  {
    id: 'todo-sluice',
    label: 'Sluice todo app (apps/todo-api)',
    env: sharedEnv,
    command: () => [process.execPath, TODO_APP_BUNDLE],
  },
  fastapiServer('todo-fastapi', 'todo:app', sharedEnv),
]

export interface AppModules {
  migrateDatabase(url: string): Promise<void>
  accessTokens(settings: { JWT_SECRET: string; ACCESS_TOKEN_TTL: number }): {
    sign(claims: { sub: string }, options: { scopes: string[] }): Promise<string>
  }
}

/** The app's own migrations and token signer, so the data and token are exactly what it expects. */
export async function appModules(): Promise<AppModules> {
  const load = (file: string) => import(pathToFileURL(`${APP_DIR}src/${file}`).href)
  const [database, security] = await Promise.all([load('db/connect.ts'), load('security.ts')])
  return { migrateDatabase: database.migrateDatabase, accessTokens: security.accessTokens }
}

/** Two users with {@link TODOS_PER_USER} todos each; user 1 is the one who asks. */
function seed(): void {
  const db = new Database(DATABASE_URL)
  const addUser = db.prepare(
    'INSERT INTO users (id, email, full_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const addTodo = db.prepare(
    `INSERT INTO todos (owner_id, title, description, completed, priority, due_date, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const start = Date.UTC(2026, 0, 1)
  db.transaction(() => {
    for (const id of [1, 2]) {
      addUser.run(
        id,
        `user${id}@example.com`,
        `User ${id}`,
        'not-a-real-hash',
        '2026-01-01T00:00:00.000Z',
      )
      for (let i = 0; i < TODOS_PER_USER; i++) {
        const at = new Date(start + (i * 2 + id) * 60_000).toISOString()
        addTodo.run(
          id,
          `Todo ${i} of user ${id}`,
          i % 3 === 0 ? null : `Description of todo ${i}, long enough to look like one.`,
          i % 4 === 0 ? 1 : 0,
          (i % 5) + 1,
          i % 2 === 0 ? null : `2026-0${(i % 9) + 1}-15`,
          at,
          at,
        )
      }
    }
  })()
  db.close()
}

/** What `GET /todos?skip&limit` must answer for user 1, read straight from the database. */
function expectedPage(skip: number, limit: number): unknown {
  const db = new Database(DATABASE_URL, { readonly: true })
  const items = db
    .prepare(
      `SELECT id, title, description, completed, priority, due_date, created_at, updated_at
       FROM todos WHERE owner_id = 1 ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, skip)
    .map((row) => ({
      ...(row as object),
      completed: (row as { completed: number }).completed === 1,
    }))
  db.close()
  return { items, total: TODOS_PER_USER, skip, limit }
}

async function check(server: RunningServer, token: string): Promise<string[]> {
  const failures: string[] = []
  const auth = { authorization: `Bearer ${token}` }
  const cases: [string, string, Record<string, string>, number, unknown?][] = [
    ['first page', LIST_PATH, auth, 200, expectedPage(0, 20)],
    ['skip and limit', `${LIST_PATH}?skip=95&limit=10`, auth, 200, expectedPage(95, 10)],
    ['no token', LIST_PATH, {}, 401],
    ['bad token', LIST_PATH, { authorization: `Bearer ${token}x` }, 401],
    ['limit 0', `${LIST_PATH}?limit=0`, auth, 422],
  ]
  for (const [name, path, headers, status, body] of cases) {
    const response = await fetch(server.url + path, { headers })
    const text = await response.text()
    if (response.status !== status) {
      failures.push(
        `${name}: status ${response.status}, expected ${status} (${text.slice(0, 200)})`,
      )
    } else if (body !== undefined && !isDeepStrictEqual(JSON.parse(text), body)) {
      failures.push(`${name}: body differs: ${text.slice(0, 300)}`)
    }
  }
  return failures
}

function unavailable(message: string) {
  process.stderr.write(`\nTodo app: ${message}\n`)
  return {
    markdown: `## Whole todo app: \`GET /todos\`\n\nNot measured: ${message}`,
    targets: [
      { target: TARGET_THROUGHPUT, measured: message, met: undefined },
      { target: TARGET_CPU, measured: message, met: undefined },
      { target: TARGET_COLD_START, measured: message, met: undefined },
    ],
  }
}

export async function todoSection(): Promise<{ markdown: string; targets: TargetRow[] }> {
  if (!existsSync(`${APP_DIR}src/main.ts`))
    return unavailable('apps/todo-api/src/main.ts does not exist, so this scenario was left out.')
  let token: string
  try {
    const app = await appModules()
    rmSync(DATA_DIR, { recursive: true, force: true })
    mkdirSync(DATA_DIR, { recursive: true })
    await buildTodoApp(APP_DIR)
    await app.migrateDatabase(DATABASE_URL)
    seed()
    const tokens = app.accessTokens({ JWT_SECRET, ACCESS_TOKEN_TTL: 86_400 })
    token = await tokens.sign({ sub: '1' }, { scopes: ['todos:read', 'todos:write'] })
  } catch (error) {
    return unavailable(`the todo app could not be set up: ${(error as Error).message}`)
  }
  const endpoint: Endpoint = { key: 'get', label: 'GET /todos', method: 'GET', path: LIST_PATH }
  const headers = { authorization: `Bearer ${token}` }
  const scenario: Scenario = {
    id: 'todo',
    title: 'Todo app GET /todos',
    contenders,
    endpoints: [endpoint],
    readyPath: LIST_PATH,
    headers,
    baseline: 'todo-hono',
    check: (server) => check(server, token),
  }
  const run = await runScenario(scenario)
  const throughput = compare(run, 'todo-sluice', 'todo-fastapi', 'get', 'requestsPerSecond')
  const cpu = compare(run, 'todo-sluice', 'todo-hono', 'get')
  const coldStart = compareColdStarts(run, 'todo-sluice', 'todo-hono')
  const targets: TargetRow[] = [
    {
      target: TARGET_THROUGHPUT,
      measured: comparisonText(throughput, 'req/s', 0),
      met: verdict(throughput, (ratio) => ratio >= 10),
    },
    {
      target: TARGET_CPU,
      measured: comparisonText(cpu, 'µs'),
      met: verdict(cpu, (ratio) => ratio <= 1.3),
    },
    {
      target: TARGET_COLD_START,
      measured: comparisonText(coldStart, 'ms', 0),
      met: verdict(coldStart, (ratio) => ratio <= 1.5),
    },
  ]
  const sluice = find(run, 'todo-sluice')
  const profile =
    settings.skip.has('profile') || !sluice || sluice.skipped
      ? ''
      : `### Where the todo app's time goes

The todo app once more under \`node --cpu-prof\` (${settings.warmup} s warm-up, ${settings.seconds} s of load),
its samples summed by package as for Fastify above. V8 charges a native addon's work to the
JavaScript function that calls it, so SQLite running the page's two queries inside better-sqlite3
is counted under drizzle-orm, which calls it: measured apart (the same prepared select of 20 rows
and count, 5000 times in a loop), drizzle's \`all()\` with its row mapping costs what
better-sqlite3's own \`all()\` does returning objects (53 and 55 µs on a loaded machine).

${profileTable([await profileServer(contenders[1]!, TODO_APP_BUNDLE, endpoint, LIST_PATH, headers)])}`
  const markdown = `## Whole todo app: \`GET /todos\`

The first page (20 of ${TODOS_PER_USER}) of user 1's todos, with a real HS256 JWT (issuer, audience and
scope checked), the user loaded from SQLite, the page and the total read with drizzle (raw SQL for
FastAPI) and filtered to the public fields. One seeded SQLite file (${TODOS_PER_USER} todos for each of two
users) and one token for every contender. The hand-written Hono baseline has the todo app's
middleware (request id, secure headers, CORS) and prepares its queries, as the todo app does; it
verifies the JWT's signature on every request, where the todo app, as shipped, keeps verified tokens
in \`@sluice/auth\`'s cache (\`cache: 1_000\` in \`src/security.ts\`), so a token a client sends again is
checked only against its lifetime (\`exp\`, \`nbf\`). The todo app runs with \`LOG_LEVEL=silent\` (its
request-log middleware still runs), bundled with esbuild like every Node contender. FastAPI follows its
tutorial: sync \`def\` endpoints, a sqlite3 connection per request, PyJWT, pydantic response models.

${endpointTables(run)}

${processTable(run)}
${skippedList(run)}

${profile}`
  return { markdown, targets }
}
