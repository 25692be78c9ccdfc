import { chmodSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { onPostgres } from './database'
import { type TestApp, testApp } from './helpers'

// Sign-ups, logins and password changes hash with scrypt at its production cost (N=2^17):
// on a loaded 2-CPU machine a test doing several of them outlasts vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

/** A todo app on a SQLite file of the test's own, which it can delete or make read-only. */
async function appOnFile() {
  const dir = mkdtempSync(join(tmpdir(), 'todo-ready-'))
  const path = join(dir, 'todo.db')
  const t = await testApp({ DATABASE_URL: path })
  cleanups.push(async () => {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { t, path }
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

const ready = (t: TestApp) => t.request('/ready')

describe.skipIf(onPostgres)('GET /ready on a SQLite file', () => {
  it('answers 503 once the file was deleted under the running app, and so does every write', async () => {
    const { t, path } = await appOnFile()
    const { access } = await t.signUp('kim@example.com')
    expect((await ready(t)).status).toBe(200)

    unlinkSync(path)
    // Acknowledging a write into the deleted file would lose it: it is refused instead.
    const write = await t.json('POST', '/todos', { title: 'Lost?' }, access)
    expect(write.status).toBe(503)
    expect(write.headers.get('retry-after')).toBe('5')
    expect(await write.json()).toEqual({ detail: 'Database unavailable' })
    const res = await ready(t)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(await res.json()).toEqual({ detail: 'Database unavailable' })
    // Reads and logins on the old connection are refused too (it was closed), as the README says: 503.
    for (const res of [
      await t.json('GET', '/todos', undefined, access),
      await t.login('kim@example.com'),
    ]) {
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect((await res.json()).detail).toMatch(/unavailable/i)
    }
  })

  it('answers 503 to probes and writes while the file is read-only, 200 and 201 again once it is writable', async () => {
    const { t, path } = await appOnFile()
    expect((await ready(t)).status).toBe(200)
    const { access } = await t.signUp('lee@example.com')
    chmodSync(path, 0o444)
    expect((await ready(t)).status).toBe(503)
    expect((await t.json('POST', '/todos', { title: 'Kept?' }, access)).status).toBe(503)
    chmodSync(path, 0o644)
    expect((await ready(t)).status).toBe(200)
    expect((await t.json('POST', '/todos', { title: 'Kept' }, access)).status).toBe(201)
  })
})
