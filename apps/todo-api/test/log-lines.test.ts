import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { freePort } from '../../../packages/redis/src/fixtures/redis-server'
import { onPostgres } from './database'
import { PASSWORD } from './helpers'
import { type ServerProcess, startServer } from './process'

/*
 * Every line the app writes, on stdout or stderr, is one JSON object through its logger, also
 * when what it relies on fails: its rate-limit store (a Redis nobody answers on) and, outside
 * production, a missing JWT_SECRET. A log shipper reading JSON lines would choke on anything else.
 */
const dir = mkdtempSync(join(tmpdir(), 'todo-api-log-lines-'))
let server: ServerProcess | undefined
afterAll(() => {
  server?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

it.skipIf(onPostgres)(
  'writes one JSON object per line while its rate-limit store fails',
  async () => {
    server = startServer({
      DATABASE_URL: join(dir, 'todo.db'),
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
    })
    const url = await server.listening
    const registered = await fetch(`${url}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lou@example.com', password: PASSWORD }),
    })
    // Counted in this process's memory while the store is away: the request still succeeds.
    expect(registered.status).toBe(201)
    server.kill('SIGTERM')
    expect(await server.exited()).toBe(0)

    const entries = server.output.map((line) => {
      try {
        return JSON.parse(line) as { level: string; message: string }
      } catch {
        throw new Error(`not a JSON line: ${line}`)
      }
    })
    const messages = entries.map((entry) => entry.message)
    expect(messages).toContainEqual(expect.stringMatching(/^JWT_SECRET is not set/))
    expect(messages).toContainEqual(expect.stringMatching(/^rate limit "register"/))
  },
  30_000,
)
