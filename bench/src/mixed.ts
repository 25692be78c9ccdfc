/**
 * The todo app under a mixed workload (list, create, patch, delete by several
 * users; `mixed-load.ts`) on SQLite and on PostgreSQL, so a database
 * regression shows; and the scale model: the same load on the todo app's
 * `WORKERS=2` (node:cluster) over one SQLite file in WAL mode, checked for failed answers (SQLITE_BUSY shows
 * as a 5xx) and lost writes. Each round starts fresh servers on the same
 * database; the figures are read the way the other scenarios read theirs.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { buildTodoApp, TODO_APP_BUNDLE } from './build'
import { MIX, type MixedResult, type MixedUser, runMixed, serverTodoCounts } from './mixed-load'
import { BENCH_DIR } from './paths'
import { chartImage, fixed, table } from './report'
import { type RunningServer, startServer, stopServer, treeCpuSeconds } from './server'
import { settings } from './settings'
import { median, min } from './stats'
import { APP_DIR, appModules, JWT_SECRET } from './todo'

const DATA_DIR = `${BENCH_DIR}.tmp/mixed/`
const USERS = 8
const CLIENTS_PER_USER = 4
const TODOS_PER_USER = 40
/** The database the bench creates (and drops first) on the PostgreSQL server `.ci/postgres` gives. */
const PG_DATABASE = 'sluice_bench_mixed'

/** One way of running the todo app under the mix. */
interface Setup {
  readonly id: string
  readonly label: string
  readonly databaseUrl: string
  /** Node processes serving the port (`WORKERS`, node:cluster). */
  readonly workers: number
  users: MixedUser[]
}

interface Round {
  readonly cpuUsPerRequest: number
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly failures: number
  readonly failureExamples: string[]
  /** Todos the clients wrote (or deleted) that the server does not show, or shows unasked. */
  readonly lostWrites: number
  readonly byOperation: MixedResult['byOperation']
}

const log = (message: string) => process.stderr.write(`${message}\n`)

function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/**
 * Users inserted straight into the todo app's database (registration hashes a
 * password, which is not what is measured); returns their ids.
 */
export async function insertUsers(databaseUrl: string, count: number): Promise<number[]> {
  const rows = Array.from({ length: count }, (_, i) => [
    `bench${i + 1}@example.com`,
    `Bench ${i + 1}`,
    'not-a-real-hash',
  ])
  if (databaseUrl.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const ids: number[] = []
      for (const row of rows) {
        const result = await client.query<{ id: number }>(
          'INSERT INTO users (email, full_name, password_hash, created_at) VALUES ($1, $2, $3, now()) RETURNING id',
          row,
        )
        ids.push(result.rows[0]!.id)
      }
      return ids
    } finally {
      await client.end()
    }
  }
  const db = new Database(databaseUrl)
  const insert = db.prepare(
    'INSERT INTO users (email, full_name, password_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id',
  )
  const ids = rows.map((row) => (insert.get(...row, new Date().toISOString()) as { id: number }).id)
  db.close()
  return ids
}

/** A fresh PostgreSQL database on the server `.ci/postgres` starts, or why there is none. */
async function freshPostgres(): Promise<string> {
  const url = execFileSync('bash', [`${BENCH_DIR}../.ci/postgres`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  }).trim()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${PG_DATABASE}`)
  } finally {
    await admin.end()
  }
  const fresh = new URL(url)
  fresh.pathname = `/${PG_DATABASE}`
  return fresh.href
}

function environment(setup: Pick<Setup, 'databaseUrl' | 'workers'>): Record<string, string> {
  return {
    DATABASE_URL: setup.databaseUrl,
    WORKERS: String(setup.workers),
    JWT_SECRET,
    ACCESS_TOKEN_TTL: '86400',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DOCS_ENABLED: 'false',
    // The per-user write limit (120 a minute) would answer 429 within a second of this load.
    WRITE_MAX: '1000000000',
    NODE_ENV: 'production',
  }
}

function startApp(setup: Setup): Promise<RunningServer> {
  return startServer(
    {
      id: setup.id,
      label: setup.label,
      env: environment(setup),
      command: () => [process.execPath, TODO_APP_BUNDLE],
    },
    '/health',
  )
}

/** Each user's starting todos, created through the app. */
async function seedTodos(base: string, users: MixedUser[]): Promise<MixedUser[]> {
  return Promise.all(
    users.map(async (user) => {
      const ids: number[] = []
      for (let i = 0; i < TODOS_PER_USER; i++) {
        const response = await fetch(`${base}/todos`, {
          method: 'POST',
          headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Seeded todo ${i}`, priority: (i % 5) + 1 }),
        })
        if (response.status !== 201)
          throw new Error(`seeding a todo: ${response.status} ${await response.text()}`)
        ids.push(((await response.json()) as { id: number }).id)
      }
      return { token: user.token, todoIds: ids }
    }),
  )
}

async function prepareSetup(
  id: string,
  label: string,
  databaseUrl: string,
  workers: number,
): Promise<Setup> {
  const app = await appModules()
  await app.migrateDatabase(databaseUrl)
  const ids = await insertUsers(databaseUrl, USERS)
  const tokens = app.accessTokens({ JWT_SECRET, ACCESS_TOKEN_TTL: 86_400 })
  const users = await Promise.all(
    ids.map(async (userId) => ({
      token: await tokens.sign({ sub: String(userId) }, { scopes: ['todos:read', 'todos:write'] }),
      todoIds: [],
    })),
  )
  const setup: Setup = { id, label, databaseUrl, workers, users }
  const server = await startApp({ ...setup, workers: 1 })
  try {
    setup.users = await seedTodos(server.url, users)
  } finally {
    await stopServer(server)
  }
  return setup
}

async function measureRound(setup: Setup): Promise<Round> {
  const server = await startApp(setup)
  try {
    const options = { clientsPerUser: CLIENTS_PER_USER }
    const warm = await runMixed(server.url, setup.users, { ...options, seconds: settings.warmup })
    setup.users = setup.users.map((user, i) => ({ ...user, todoIds: warm.todoIds[i]! }))
    // The primary and its workers.
    const cpu = () => treeCpuSeconds(server.process.pid!)
    const before = cpu()
    const run = await runMixed(server.url, setup.users, {
      ...options,
      seconds: settings.seconds,
      seed: 2,
    })
    const used = cpu() - before
    setup.users = setup.users.map((user, i) => ({ ...user, todoIds: run.todoIds[i]! }))
    const counts = await serverTodoCounts(server.url, setup.users)
    const lostWrites = counts.reduce(
      (sum, count, i) => sum + Math.abs(count - setup.users[i]!.todoIds.length),
      0,
    )
    const failures = warm.failureCount + run.failureCount
    return {
      cpuUsPerRequest: (used / run.requests) * 1e6,
      requestsPerSecond: run.requests / run.seconds,
      p50Ms: percentile(run.latenciesMs, 50),
      p99Ms: percentile(run.latenciesMs, 99),
      failures,
      failureExamples: [...warm.failures, ...run.failures].slice(0, 3),
      lostWrites,
      byOperation: run.byOperation,
    }
  } finally {
    await stopServer(server)
  }
}

/** The setups this machine can run: SQLite always, PostgreSQL when `.ci/postgres` gives a server. */
async function setups(): Promise<{ setups: Setup[]; notes: string[] }> {
  rmSync(DATA_DIR, { recursive: true, force: true })
  mkdirSync(DATA_DIR, { recursive: true })
  await buildTodoApp(APP_DIR)
  const notes: string[] = []
  const list: Setup[] = []
  if (!settings.skip.has('mixed'))
    list.push(await prepareSetup('sqlite', 'SQLite (WAL), 1 process', `${DATA_DIR}todo.db`, 1))
  if (!settings.skip.has('mixed') && !settings.skip.has('postgres')) {
    try {
      const url = await freshPostgres()
      list.push(await prepareSetup('postgres', 'PostgreSQL, 1 process', url, 1))
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0]
      notes.push(`PostgreSQL was not measured: \`bash .ci/postgres\` gave no server (${reason}).`)
    }
  }
  if (!settings.skip.has('scale'))
    list.push(
      await prepareSetup('sqlite-2', 'SQLite (WAL), WORKERS=2', `${DATA_DIR}todo-2-workers.db`, 2),
    )
  return { setups: list, notes }
}

function summarize(setup: Setup, rounds: Round[]) {
  return {
    setup,
    cpu: min(rounds.map((r) => r.cpuUsPerRequest)),
    rps: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50Ms)),
    p99: median(rounds.map((r) => r.p99Ms)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    examples: rounds.flatMap((r) => r.failureExamples).slice(0, 3),
    lost: rounds.reduce((sum, r) => sum + r.lostWrites, 0),
    requests: rounds.reduce((sum, r) => sum + r.requestsPerSecond * settings.seconds, 0),
  }
}

export async function mixedSection(): Promise<string> {
  const { setups: list, notes } = await setups()
  const rounds = new Map<string, Round[]>(list.map((setup) => [setup.id, []]))
  for (let round = 0; round < settings.rounds; round++) {
    log(`Mixed todo workload: round ${round + 1} of ${settings.rounds}`)
    for (const setup of round % 2 ? [...list].reverse() : list) {
      const result = await measureRound(setup)
      rounds.get(setup.id)!.push(result)
      log(
        `  ${setup.id.padEnd(10)} ${result.cpuUsPerRequest.toFixed(1).padStart(7)} µs/req ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s p99 ${result.p99Ms.toFixed(1)} ms failures ${result.failures} lost ${result.lostWrites}`,
      )
    }
  }
  const summaries = list.map((setup) => summarize(setup, rounds.get(setup.id)!))
  const rows = summaries.map((s) => [
    s.setup.label,
    fixed(s.cpu),
    fixed(s.rps, 0),
    fixed(s.rps / s.setup.workers, 0),
    fixed(s.p50, 2),
    fixed(s.p99, 2),
    String(s.failures),
    String(s.lost),
  ])
  const chart = chartImage(
    'mixed.svg',
    'Mixed todo workload: CPU µs per request, all processes (best round, shorter is cheaper)',
    summaries.map((s) => ({
      label: s.setup.label,
      value: s.cpu,
      kind: s.setup.id === 'sqlite' ? 'baseline' : 'sluice',
    })),
  )
  const examples = summaries
    .filter((s) => s.examples.length)
    .map((s) => `- ${s.setup.label}: ${s.examples.map((e) => `\`${e}\``).join(', ')}`)
    .join('\n')
  const mix = Object.entries(MIX)
    .map(([operation, share]) => `${share}% ${operation}`)
    .join(', ')
  return `## Mixed todo workload, and the scale model

The todo app (apps/todo-api, bundled) under a scripted mix — ${mix} — by ${USERS} users
with ${CLIENTS_PER_USER} keep-alive connections each (${USERS * CLIENTS_PER_USER} in all), from a
client in the runner (\`src/mixed-load.ts\`, a fixed pseudo-random sequence). Each user starts with
${TODOS_PER_USER} todos made through the app; each connection patches and deletes only its own.
Every answer must have its status (200, 201, 200, 204); after each round the clients' own count of
each user's todos is compared with the \`total\` the server reports, and any difference is a lost
write. The per-user write limit is raised (\`WRITE_MAX\`) so it does not answer 429. Warm-up
${settings.warmup} s, then ${settings.seconds} s measured, ${settings.rounds} round(s); CPU counts every
server process. PostgreSQL is the local server \`bash .ci/postgres\` starts (a fresh database each
run), reached over loopback; its own CPU is not counted.

The **scale model**: a single core cannot show scaling (every server process is pinned to core
${process.env.BENCH_SERVER_CORE ?? '0'}), so the \`WORKERS=2\` row shows what running several processes on one SQLite
file (WAL, \`busy_timeout\`) costs and whether anything breaks: the todo app's own \`WORKERS=2\`
(node:cluster: a primary handing connections to 2 workers), CPU counted over all three processes.
Per-worker throughput is the total over the workers.

${chart}

${table(
  [
    'setup',
    'CPU µs/req (best)',
    'req/s (median)',
    'req/s per worker',
    'p50 ms',
    'p99 ms (median)',
    'failed answers',
    'lost writes',
  ],
  rows,
)}
${examples ? `\nFailed answers seen:\n\n${examples}\n` : ''}
${notes.join('\n\n')}`
}
