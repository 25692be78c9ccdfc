import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { users } from './fixtures/schema'
import { spawnChild, tempDir } from './fixtures/temp'
import { openSqlite } from './sqlite'

/** Runs the writer child until it has reported `atLeast` committed ids, then kills it with SIGKILL. */
async function writeThenKill(url: string, atLeast: number): Promise<number[]> {
  const child = spawnChild('write', url)
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => reject(new Error(String(chunk))))
    child.stdout?.on('data', (chunk) => {
      out += chunk
      if (out.split('\n').length > atLeast && !child.killed) {
        child.kill('SIGKILL')
        resolve()
      }
    })
  })
  const closed = await new Promise((resolve) => child.on('close', (_, signal) => resolve(signal)))
  expect(closed).toBe('SIGKILL')
  // The last line may have been cut by the kill; only complete lines were reported.
  return out.split('\n').slice(0, -1).map(Number)
}

describe('durability', () => {
  test('rows reported committed survive SIGKILL, transactions stay whole, integrity holds', async () => {
    const url = join(tempDir(), 'app.db')
    const reported = await writeThenKill(url, 3000)
    expect(reported.length).toBeGreaterThanOrEqual(3000)

    const db = openSqlite({ url })
    const stored = new Set(
      db
        .select({ id: users.id })
        .from(users)
        .all()
        .map((row) => row.id),
    )
    const missing = reported.filter((id) => !stored.has(id))
    expect(missing).toEqual([])
    // Ten rows per transaction: a kill mid-transaction leaves none of its rows.
    expect(stored.size % 10).toBe(0)
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')

    // The restarted database takes writes again.
    db.insert(users).values({ email: 'after-restart@example.com' }).run()
    db.$client.close()
  }, 20_000)
})
