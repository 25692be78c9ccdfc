import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PASSWORD } from './helpers'
import { type ServerProcess, startServer } from './process'

const dataDir = mkdtempSync(join(tmpdir(), 'todo-api-server-'))
let server: ServerProcess
let url: string

/** What `pnpm start` runs (tsx with the source condition), on a free port and a fresh database. */
beforeAll(async () => {
  server = startServer({
    DATABASE_URL: join(dataDir, 'todo.db'),
    JWT_SECRET: 'server-test-secret-of-at-least-32-bytes',
  })
  url = await server.listening
}, 30_000)

afterAll(() => {
  server.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
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
  // A login whose body is sent once the server has its headers (its `100 Continue`): in
  // flight for certain when SIGTERM comes, however slowly the server is scheduled.
  const body = new URLSearchParams({ username: 'ivy@example.com', password: PASSWORD }).toString()
  const socket = connect(Number(new URL(url).port), '127.0.0.1')
  let received = ''
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk
  })
  const ended = once(socket, 'end')
  socket.write(
    'POST /auth/token HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\nexpect: 100-continue\r\n' +
      `content-type: application/x-www-form-urlencoded\r\ncontent-length: ${body.length}\r\n\r\n`,
  )
  while (!received.includes('\r\n\r\n')) await once(socket, 'data')
  expect(received).toMatch(/^HTTP\/1\.1 100 Continue\r\n/)
  server.kill('SIGTERM')
  // Not `end()`: a client that half-closes has hung up, as Node's server sees it.
  socket.write(body)
  await ended
  const response = received.slice(received.indexOf('\r\n\r\n') + 4)
  expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
  expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)).token_type).toBe('bearer')
  expect(await server.exited()).toBe(0)
  await expect(fetch(`${url}/health`)).rejects.toThrow()
  // One structured log line per request, and no password in any output.
  expect(server.output.filter((line) => line.includes('"message":"request"'))).toHaveLength(5)
  expect(server.output.join('\n')).not.toContain(PASSWORD)
}, 30_000)
