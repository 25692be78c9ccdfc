import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { defineJob } from './define'
import {
  type CompletionLog,
  completionLog,
  crashJob,
  dropNamespace,
  type EngineName,
  isolatedNamespace,
  serverUrls,
  testEngine,
} from './fixtures/engines'
import type { JobOutcome } from './observer'
import { type JobQueue, jobQueue } from './queue'

/** Values pushed as they happen; `next(n)` resolves once `n` have come. */
function signals<T>() {
  const seen: T[] = []
  const waiters: { count: number; resolve: (values: T[]) => void }[] = []
  return {
    push(value: T) {
      seen.push(value)
      for (const waiter of waiters.filter((w) => seen.length >= w.count)) waiter.resolve(seen)
    },
    next: (count: number) =>
      new Promise<T[]>((resolve) => {
        if (seen.length >= count) resolve(seen)
        else waiters.push({ count, resolve })
      }),
  }
}

const worker = new URL('./fixtures/worker.ts', import.meta.url).pathname
const engines: EngineName[] = ['bullmq', 'pg-boss']

for (const name of engines) {
  const missing = serverUrls[name]
    ? undefined
    : name === 'bullmq'
      ? 'TEST_REDIS_URL'
      : 'TEST_DATABASE_URL'
  if (missing && process.env.CI) throw new Error(`CI runs the ${name} job tests: set ${missing}`)
  if (missing) console.warn(`Skipping the ${name} job tests: ${missing} is not set`)

  describe.skipIf(missing)(`${name} engine`, { timeout: 30_000 }, () => {
    const namespace = isolatedNamespace()
    const children: ChildProcess[] = []
    let queue: JobQueue
    let log: CompletionLog

    beforeAll(async () => {
      queue = jobQueue(testEngine(name, namespace))
      log = await completionLog(name, namespace)
    })
    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL')
      await queue?.close(1_000)
      await log?.close()
      await dropNamespace(name, namespace)
    })

    /** Starts a worker process; `lines` yields what it prints, one line at a time. */
    function startWorker(hang: boolean) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--conditions=@sluice/source', worker],
        {
          env: { ...process.env, ENGINE: name, NAMESPACE: namespace, HANG: hang ? '1' : '0' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      children.push(child)
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]()
      return { child, lines }
    }
    async function nextLine(lines: AsyncIterator<string>, matching: RegExp): Promise<string> {
      for (;;) {
        const { value, done } = await lines.next()
        if (done) throw new Error(`The worker exited before printing ${matching}`)
        if (matching.test(value)) return value
      }
    }
    async function exited(child: ChildProcess): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return
      await new Promise((resolve) => child.once('exit', resolve))
    }

    test('a worker killed mid-job: the job runs again elsewhere and completes exactly once per key', async () => {
      const keys = ['a', 'b', 'c', 'd', 'e']
      // Enqueued before any worker runs: nothing is lost while none is up.
      const ids = await Promise.all(keys.map((key) => queue.enqueue(crashJob, { key }, { key })))
      // The same keys again: the engine keeps the first job of each.
      const again = await Promise.all(keys.map((key) => queue.enqueue(crashJob, { key }, { key })))
      expect(again).toEqual(ids)

      const first = startWorker(true)
      const started = await nextLine(first.lines, /^started /)
      first.child.kill('SIGKILL')
      await exited(first.child)

      const second = startWorker(false)
      const completed = new Set<string>()
      while (completed.size < keys.length) {
        const line = await nextLine(second.lines, /^completed /)
        completed.add(line.split(' ')[1]!)
      }
      const counts = await log.counts()
      console.info(
        `${name} crash test: ${keys.length} jobs (${keys.length * 2} sends), 1 kill during "${started}", completions ${JSON.stringify(Object.fromEntries(counts))}`,
      )
      expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(keys.map((key) => [key, 1])))
      second.child.kill('SIGKILL')
    })

    test('close() lets the job in hand finish; one still running after the grace period goes back', async () => {
      const slow = defineJob('shutdown-test', {
        payload: v.object({ key: v.string() }),
        retry: { attempts: 3, delay: 0 },
        timeout: 2_000,
      })
      const first = jobQueue(testEngine(name, namespace))
      const started = signals<string>()
      let open!: () => void
      const gate = new Promise<void>((resolve) => {
        open = resolve
      })
      await first.work(
        slow,
        async ({ key }) => {
          started.push(key)
          if (key === 'stuck') await new Promise(() => {})
          await gate
          await log.record(key)
        },
        { concurrency: 2 },
      )
      await first.enqueue(slow, { key: 'finishes' })
      await first.enqueue(slow, { key: 'stuck' })
      await started.next(2)
      const closing = first.close(1_000)
      open()
      await closing
      expect((await log.counts()).get('finishes')).toBe(1)

      // Another worker takes the job the first gave up on.
      const second = jobQueue(testEngine(name, namespace))
      const done = signals<string>()
      await second.work(slow, async ({ key }) => {
        await log.record(key)
        done.push(key)
      })
      expect(await done.next(1)).toEqual(['stuck'])
      await second.close(1_000)
      expect((await log.counts()).get('finishes')).toBe(1)
    })

    // pg-boss checks its schedules once a minute: too slow for a test; BullMQ's cron takes seconds.
    test.runIf(name === 'bullmq')('a cron schedule enqueues the job on its pattern', async () => {
      const tick = defineJob('tick', { payload: v.object({ n: v.number() }) })
      const ticking = jobQueue(testEngine(name, namespace))
      const ran = signals<number>()
      try {
        await ticking.work(tick, ({ n }) => ran.push(n))
        await ticking.schedule(tick, '* * * * * *', { n: 7 })
        expect(await ran.next(1)).toContain(7)
      } finally {
        await ticking.close(1_000)
      }
    })

    test('a poison job is retried, then dead-lettered with its error', async () => {
      const poison = defineJob('poison', {
        payload: v.object({ n: v.number() }),
        retry: { attempts: 2, delay: 10, backoff: 'fixed' },
      })
      const outcomes: JobOutcome[] = []
      let dead!: () => void
      const deadLettered = new Promise<void>((resolve) => {
        dead = resolve
      })
      const observed = jobQueue(testEngine(name, namespace), {
        observers: [
          {
            async attempt(info, run) {
              try {
                await run()
                outcomes.push('completed')
              } catch (error) {
                outcomes.push(info.final ? 'dead' : 'retried')
                if (info.final) dead()
                throw error
              }
            },
          },
        ],
      })
      try {
        await observed.work(poison, () => {
          throw new Error('cannot be done')
        })
        const id = await observed.enqueue(poison, { n: 1 })
        await deadLettered
        expect(outcomes).toEqual(['retried', 'dead'])
        // The engine records the dead letter once the failed try is acknowledged.
        await expect
          .poll(() => observed.deadLetters(poison), { timeout: 10_000 })
          .toMatchObject([{ envelope: { payload: { n: 1 } }, error: 'cannot be done' }])
        if (name === 'bullmq') expect((await observed.deadLetters(poison))[0]!.id).toBe(id)
      } finally {
        await observed.close(1_000)
      }
    })
  })
}
