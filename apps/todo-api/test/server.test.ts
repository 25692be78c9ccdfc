import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PASSWORD } from './helpers'

const appDir = fileURLToPath(new URL('..', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'todo-api-server-'))
let server: ChildProcess
let url: string
const output: string[] = []

/** What `pnpm start` runs (tsx with the source condition), on a free port and a fresh database. */
beforeAll(async () => {
  server = spawn(
    process.execPath,
    ['--conditions=@sluice/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: appDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: join(dataDir, 'todo.db'),
        JWT_SECRET: 'server-test-secret-of-at-least-32-bytes',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  server.stderr?.on('data', (chunk) => output.push(String(chunk)))
  url = await new Promise<string>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`exited with ${code}: ${output.join('')}`)))
    createInterface({ input: server.stdout! }).on('line', (line) => {
      output.push(line)
      const entry = JSON.parse(line)
      if (entry.message === 'listening') resolve(entry.url)
    })
  })
}, 30_000)

afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

const exited = () =>
  new Promise<number | null>((resolve) => {
    if (server.exitCode !== null) resolve(server.exitCode)
    else server.once('exit', (code) => resolve(code))
  })

const login = () =>
  fetch(`${url}/auth/token`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'ivy@example.com', password: PASSWORD }),
  })

it('serves over TCP: register, log in, create a todo', async () => {
  const registered = await fetch(`${url}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ivy@example.com', password: PASSWORD }),
  })
  expect(registered.status).toBe(201)
  const token = await login()
  expect(token.status).toBe(200)
  const { access_token } = await token.json()
  const created = await fetch(`${url}/todos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify({ title: 'Over the wire' }),
  })
  expect(created.status).toBe(201)
  expect(created.headers.get('location')).toMatch(/^\/todos\/\d+$/)
  const listed = await fetch(`${url}/todos`, {
    headers: { authorization: `Bearer ${access_token}` },
  })
  expect((await listed.json()).total).toBe(1)
}, 30_000)

it('finishes the request in flight on SIGTERM, then exits 0', async () => {
  // A login spends a few hundred milliseconds hashing: long enough to be in flight.
  const inFlight = login()
  await new Promise((resolve) => setTimeout(resolve, 100))
  server.kill('SIGTERM')
  const res = await inFlight
  expect(res.status).toBe(200)
  expect((await res.json()).token_type).toBe('bearer')
  expect(await exited()).toBe(0)
  await expect(fetch(`${url}/health`)).rejects.toThrow()
  // One structured log line per request, and no password in any output.
  expect(output.filter((line) => line.includes('"message":"request"'))).toHaveLength(5)
  expect(output.join('\n')).not.toContain(PASSWORD)
}, 30_000)
