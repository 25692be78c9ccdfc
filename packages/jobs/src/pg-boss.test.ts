import pg from 'pg'
import * as v from 'valibot'
import { afterAll, describe, expect, test } from 'vitest'
import { defineJob } from './define'
import { dropNamespace, isolatedNamespace, serverUrls } from './fixtures/engines'
import { pgBossEngine } from './pg-boss'
import { jobQueue } from './queue'

const url = serverUrls['pg-boss']

describe.skipIf(!url)('pgBossEngine over the app’s pool', { timeout: 30_000 }, () => {
  const namespace = isolatedNamespace()
  afterAll(() => dropNamespace('pg-boss', namespace))

  test('runs jobs through the pool it is given, and leaves the pool open at close', async () => {
    // The pool @sluice/db/postgres opens is a node-postgres Pool (db.$client).
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    const job = defineJob('pooled', { payload: v.object({ n: v.number() }) })
    const queue = jobQueue(
      pgBossEngine({
        pool,
        schema: namespace,
        boss: { pollingIntervalSeconds: 0.5, schedule: false },
      }),
    )
    let ran!: (n: number) => void
    const done = new Promise<number>((resolve) => {
      ran = resolve
    })
    await queue.work(job, ({ n }) => ran(n))
    await queue.enqueue(job, { n: 42 })
    expect(await done).toBe(42)
    await queue.close(1_000)
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    await pool.end()
  })
})
