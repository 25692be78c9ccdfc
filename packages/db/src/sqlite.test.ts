import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { MIGRATIONS } from './fixtures/paths'
import * as schema from './fixtures/schema'
import { spawnChild, tempDir } from './fixtures/temp'
import { openSqlite, sqlite, sqliteExceptionHandlers } from './sqlite'

describe('openSqlite', () => {
  test('sets production pragmas by default', () => {
    const db = openSqlite({ url: join(tempDir(), 'app.db') })
    const pragma = (name: string) => db.$client.pragma(name, { simple: true })
    expect(pragma('journal_mode')).toBe('wal')
    expect(pragma('foreign_keys')).toBe(1)
    expect(pragma('busy_timeout')).toBe(5000)
    expect(pragma('synchronous')).toBe(1) // NORMAL
    db.$client.close()
  })

  test('pragmas can be overridden, added and removed', () => {
    const db = openSqlite({
      url: join(tempDir(), 'app.db'),
      pragmas: { synchronous: 'FULL', busy_timeout: 250, cache_size: -4000, journal_mode: false },
    })
    const pragma = (name: string) => db.$client.pragma(name, { simple: true })
    expect(pragma('synchronous')).toBe(2)
    expect(pragma('busy_timeout')).toBe(250)
    expect(pragma('cache_size')).toBe(-4000)
    expect(pragma('journal_mode')).toBe('delete')
    db.$client.close()
  })

  test('rejects a pragma that would smuggle SQL', () => {
    expect(() =>
      openSqlite({ url: ':memory:', pragmas: { 'foreign_keys = OFF; DROP TABLE users; --': 1 } }),
    ).toThrow(TypeError)
    expect(() => openSqlite({ url: ':memory:', pragmas: { synchronous: 'OFF; DROP' } })).toThrow(
      TypeError,
    )
  })

  test('gives typed relational queries when given the schema', () => {
    const db = openSqlite({ url: ':memory:', schema, migrations: MIGRATIONS })
    db.insert(schema.users).values({ email: 'a@example.com' }).run()
    expect(db.query.users.findFirst()?.sync()).toEqual({ id: 1, email: 'a@example.com' })
    db.$client.close()
  })
})

function post(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  body: unknown,
) {
  return app.request('/users', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  })
}

describe('sqlite() dependency', () => {
  function notesApp(url: string) {
    const db = sqlite({ url, schema, migrations: MIGRATIONS })
    const app = createApp({
      exceptionHandlers: sqliteExceptionHandlers,
      routes: [
        route.post(
          '/users',
          { body: v.object({ email: v.string() }), deps: { db }, status: 201 },
          ({ body, db }) => db.insert(schema.users).values(body).returning().get(),
        ),
        route.get('/users', { deps: { db } }, ({ db }) => db.select().from(schema.users).all()),
      ],
    })
    return { app, db }
  }

  test('opens the file on first use, migrates it, and closes it at shutdown', async () => {
    const url = join(tempDir(), 'data', 'app.db')
    const { app } = notesApp(url)
    expect(existsSync(url)).toBe(false)
    const created = await post(app, { email: 'a@example.com' })
    expect(created.status).toBe(201)
    expect(existsSync(url)).toBe(true)
    await app.shutdown()
    // Closed: the WAL was checkpointed into the file and removed.
    expect(existsSync(`${url}-wal`)).toBe(false)
    const again = notesApp(url)
    expect(await (await again.app.request('/users')).json()).toEqual([
      { id: 1, email: 'a@example.com' },
    ])
    await again.app.shutdown()
  })

  test('can be replaced by an in-memory database in tests', async () => {
    const { app, db } = notesApp(join(tempDir(), 'never-created', 'app.db'))
    const memory = openSqlite({ url: ':memory:', schema, migrations: MIGRATIONS })
    memory.insert(schema.users).values({ email: 'fixture@example.com' }).run()
    app.override(db, () => memory)
    expect(await (await app.request('/users')).json()).toEqual([
      { id: 1, email: 'fixture@example.com' },
    ])
    memory.$client.close()
  })

  test('many concurrent writes, while another process writes too: none lost, none locked', async () => {
    const url = join(tempDir(), 'app.db')
    const { app } = notesApp(url)
    const other = spawnChild('write', url, '1')
    await new Promise((resolve) => other.stdout?.once('data', resolve))
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => post(app, { email: `request${i}@example.com` })),
    )
    other.kill('SIGKILL')
    expect(responses.map((res) => res.status)).toEqual(responses.map(() => 201))
    const emails = ((await (await app.request('/users')).json()) as { email: string }[]).map(
      (user) => user.email,
    )
    expect(new Set(emails.filter((email) => email.startsWith('request'))).size).toBe(300)
    // The other process did write meanwhile: the requests really competed for the lock.
    expect(emails.some((email) => email.startsWith('child'))).toBe(true)
    await app.shutdown()
  }, 20_000)
})
