import type { JobDefinition } from './define'
import type { DeadLetter, EngineAttempt, EngineSend, JobEngine, JobEnvelope } from './engine'

interface Held {
  readonly id: string
  readonly job: JobDefinition
  readonly envelope: JobEnvelope
  attempt: number
}

type Runner = (attempt: EngineAttempt) => Promise<void>

const MAX_TIMER = 2 ** 31 - 1

/**
 * An engine in this process's memory, for development and tests on a machine without Redis or
 * PostgreSQL. It retries, delays, dead-letters and honours idempotency keys like the others,
 * but it is not durable: jobs waiting or running when the process ends are lost, and only
 * this process runs them. It has no cron schedules.
 *
 * @example
 * ```ts
 * const queue = jobQueue(settings.REDIS_URL ? bullmqEngine({ url: settings.REDIS_URL }) : memoryEngine())
 * ```
 */
export function memoryEngine(): JobEngine {
  const runners = new Map<string, { run: Runner; free: number }>()
  const waiting: Held[] = []
  const running = new Set<Promise<void>>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const keys = new Map<string, string>()
  const dead: (DeadLetter & { job: string })[] = []
  let nextId = 0
  let closed = false

  // Timers longer than Node's limit (about 24.8 days) fire at once: those wait in steps. Unref'd,
  // as a job waiting in memory never keeps a process alive that has nothing else to do.
  const later = (ms: number, then: () => void) => {
    const step = Math.min(ms, MAX_TIMER)
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (ms > step) later(ms - step, then)
      else then()
    }, step)
    // Node's timers have unref(); Deno's and workerd's are numbers.
    ;(timer as { unref?: () => void }).unref?.()
    timers.add(timer)
  }
  const ready = (held: Held) => {
    waiting.push(held)
    pump()
  }
  const pump = () => {
    for (let i = 0; i < waiting.length && !closed; i++) {
      const held = waiting[i]!
      const runner = runners.get(held.job.name)
      if (!runner || runner.free === 0) continue
      waiting.splice(i--, 1)
      runner.free--
      const final = held.attempt >= held.job.retry.attempts
      const done = runner
        .run({ id: held.id, envelope: held.envelope, attempt: held.attempt, final })
        .then(
          () => {},
          (error: unknown) => {
            if (final) {
              dead.push({
                job: held.job.name,
                id: held.id,
                envelope: held.envelope,
                error: messageOf(error),
              })
              return
            }
            const { delay, backoff } = held.job.retry
            const wait = backoff === 'exponential' ? delay * 2 ** (held.attempt - 1) : delay
            held.attempt++
            later(wait, () => ready(held))
          },
        )
        .finally(() => {
          running.delete(done)
          runner.free++
          pump()
        })
      running.add(done)
    }
  }

  return {
    kind: 'memory',
    async send({ job, envelope, key, delay }: EngineSend) {
      const scoped = key === undefined ? undefined : `${job.name}\0${key}`
      const existing = scoped && keys.get(scoped)
      if (existing) return existing
      const id = String(++nextId)
      if (scoped) keys.set(scoped, id)
      const held: Held = { id, job, envelope, attempt: 1 }
      if (delay) later(delay, () => ready(held))
      else ready(held)
      return id
    },
    async work(job, concurrency, run) {
      runners.set(job.name, { run, free: concurrency })
      pump()
    },
    async schedule() {
      throw new Error('memoryEngine runs no cron schedules: use bullmqEngine or pgBossEngine')
    },
    async deadLetters(job) {
      return dead.filter((letter) => letter.job === job.name).map(({ job: _, ...letter }) => letter)
    },
    async close(timeout) {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        Promise.allSettled(running),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeout)
        }),
      ])
      clearTimeout(timer)
    },
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
