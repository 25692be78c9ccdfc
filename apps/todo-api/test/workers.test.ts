/*
 * WORKERS=2: the todo API as three processes (a primary and two workers
 * sharing its port), started as `pnpm start` starts it, on a SQLite file or,
 * in the postgres project, on a PostgreSQL database of its own. Generous
 * timeouts and no timing assertions: three tsx processes start slowly on a
 * loaded machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../src/db/connect'
import { onPostgres, postgresUrl } from './database'
import { PASSWORD } from './helpers'
import { type ServerProcess, startServer } from './process'

const STARTUP_MS = 60_000
const dir = mkdtempSync(join(tmpdir(), 'todo-api-workers-'))
const servers: ServerProcess[] = []
const databases: string[] = []
let databaseCount = 0

afterAll(async () => {
  for (const server of servers) server.kill('SIGKILL')
  await Promise.all(servers.map((server) => server.exited()))
  rmSync(dir, { recursive: true, force: true })
  if (databases.length === 0) return
  const admin = new pg.Client({ connectionString: postgresUrl() })
  await admin.connect()
  for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.end()
}, STARTUP_MS)

/** A fresh database URL: a SQLite file, or a PostgreSQL database (main.ts connects with the URL alone). */
async function freshDatabase(): Promise<string> {
  if (!onPostgres) return join(dir, `todo-${++databaseCount}.db`)
  const name = `todo_workers_${crypto.randomUUID().replaceAll('-', '')}`
  const admin = new pg.Client({ connectionString: postgresUrl() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  databases.push(name)
  return Object.assign(new URL(postgresUrl()), { pathname: `/${name}` }).href
}

/** Starts two workers; resolves with the base URL once both listen. */
async function startWorkers(databaseUrl: string): Promise<{ server: ServerProcess; url: string }> {
  const server = startServer({
    WORKERS: '2',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'workers-test-secret-of-at-least-32-bytes',
    // One user's burst of writes, far past the per-user write limit.
    WRITE_MAX: '100000',
  })
  servers.push(server)
  const url = await server.listening
  await eventually(() => (listeningPids(server).length >= 2 ? true : undefined))
  return { server, url }
}

/** The pids of the workers that logged `listening`, in order. */
function listeningPids(server: ServerProcess): number[] {
  return server.output
    .filter((line) => line.includes('"message":"listening"'))
    .map((line) => JSON.parse(line).pid as number)
}

/** Calls `attempt` every 200 ms until it gives a value; fails after `limit` ms. */
async function eventually<T>(attempt: () => T | undefined, limit = STARTUP_MS): Promise<T> {
  const deadline = Date.now() + limit
  for (;;) {
    const value = attempt()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`still nothing after ${limit} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

async function signUp(url: string, email: string): Promise<string> {
  const registered = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  expect(registered.status).toBe(201)
  const res = await fetch(`${url}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ username: email, password: PASSWORD }),
  })
  expect(res.status).toBe(200)
  return (await res.json()).access_token
}

/** The code of a request that failed because the server went away; anything else is rethrown. */
function connectionError(error: unknown): string {
  const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(code)) return code
  throw error
}

describe('WORKERS=2', { timeout: 3 * STARTUP_MS }, () => {
  let databaseUrl: string
  beforeAll(async () => {
    databaseUrl = await freshDatabase()
  })

  it('drains both workers on SIGTERM mid-burst: every acknowledged write is kept, exit 0', async () => {
    const { server, url } = await startWorkers(databaseUrl)
    const token = await signUp(url, 'burst@example.com')
    const acknowledged: number[] = []
    const refused: string[] = []
    let sent = 0
    let signalled = false
    const write = async () => {
      const index = sent++
      try {
        const res = await fetch(`${url}/todos`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ title: `Burst ${index}` }),
        })
        // Whatever a draining worker answers, it answers in full: a 201 or nothing.
        expect(res.status).toBe(201)
        acknowledged.push((await res.json()).id)
      } catch (error) {
        refused.push(connectionError(error))
      }
      // The signal goes to the primary alone, as a container runtime sends it.
      if (!signalled && acknowledged.length >= 40) {
        signalled = true
        process.kill(server.child.pid!, 'SIGTERM')
      }
    }
    // Twenty clients write until the server is gone, or 2000 writes are sent.
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (sent < 2000 && server.child.exitCode === null) await write()
      }),
    )
    expect(signalled).toBe(true)
    expect(await server.exited()).toBe(0)
    expect(server.output.join('\n')).toContain('"message":"stopping workers"')

    const db = await connect(databaseUrl)
    try {
      const rows = await db.orm.select({ id: db.tables.todos.id }).from(db.tables.todos)
      const stored = new Set(rows.map((row) => row.id))
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
      expect(acknowledged.length).toBeGreaterThanOrEqual(40)
    } finally {
      await db.close()
    }
  })

  it('replaces a worker that dies, and keeps serving', async () => {
    const { server, url } = await startWorkers(databaseUrl)
    const [victim, survivor] = listeningPids(server)
    process.kill(victim!, 'SIGKILL')
    const replacement = await eventually(() =>
      listeningPids(server).find((pid) => pid !== victim && pid !== survivor),
    )
    expect(server.output.join('\n')).toMatch(
      new RegExp(
        `"message":"worker exited","pid":${victim},"code":null,"signal":"SIGKILL","restart_in_ms":\\d+`,
      ),
    )
    expect(replacement).toBeGreaterThan(0)
    for (let i = 0; i < 20; i++) expect((await fetch(`${url}/health`)).status).toBe(200)

    // Ctrl-C reaches the whole process group: the workers leave it to the primary.
    server.kill('SIGINT')
    expect(await server.exited()).toBe(0)
  })
})
