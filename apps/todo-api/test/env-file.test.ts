import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { onPostgres } from './database'
import { type ServerProcess, startServer } from './process'

/*
 * The Node entry reads a .env file as `pnpm start` runs it. The file is named by
 * ENV_FILE: the default `.env` is in the app's folder, which other tests share.
 * Nothing here depends on the database, so the postgres project skips it.
 */
const dir = mkdtempSync(join(tmpdir(), 'todo-api-env-file-'))
const servers: ServerProcess[] = []
afterAll(() => {
  for (const server of servers) server.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

function start(file: string, env: Record<string, string> = {}): ServerProcess {
  const server = startServer({ ENV_FILE: file, ...env })
  servers.push(server)
  return server
}

function envFile(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe.skipIf(onPostgres)('ENV_FILE', () => {
  it('reads the settings the environment lacks from the file; the environment wins', async () => {
    const file = envFile(
      'serving.env',
      [
        `DATABASE_URL=${join(dir, 'todo.db')}`,
        'JWT_SECRET="a secret of at least thirty-two bytes # not a comment"',
        'DOCS_ENABLED=false',
        // The test's environment sets PORT=0, which wins: a fixed port could clash.
        'PORT=1',
      ].join('\n'),
    )
    const server = start(file)
    const url = await server.listening
    expect(new URL(url).port).not.toBe('1')
    expect((await fetch(`${url}/docs`)).status).toBe(404)
    expect((await fetch(`${url}/ready`)).status).toBe(200)
    server.kill('SIGTERM')
    expect(await server.exited()).toBe(0)
  }, 30_000)

  it('stops at start with every problem, each saying where its value came from', async () => {
    const file = envFile('invalid.env', 'LOG_LEVEL=loud\nREGISTER_WINDOW=soon\n')
    const server = start(file, { WRITE_MAX: 'many', JWT_SECRET: 'x'.repeat(32) })
    expect(await server.exited()).toBe(1)
    const output = server.output.join('\n')
    expect(output).toMatch(/Invalid settings \(3 issues\)/)
    expect(output).toContain(`"loud" (from ${file})`)
    expect(output).toContain(`"soon" (from ${file})`)
    expect(output).toContain('"many" (from the environment)')
  }, 30_000)

  it('a file ENV_FILE names must exist', async () => {
    const missing = join(dir, 'missing.env')
    const server = start(missing, { JWT_SECRET: 'x'.repeat(32) })
    expect(await server.exited()).toBe(1)
    expect(server.output.join('\n')).toContain(`Cannot read the settings file ${missing}`)
  }, 30_000)
})
