// Durable jobs: a route enqueues a typed job through a dependency; a worker sends it, with retries.
import { createApp, route } from '@sluice/core'
import { defineJob, jobQueue, jobs, memoryEngine } from '@sluice/jobs'
import { bullmqEngine } from '@sluice/jobs/bullmq'
import * as v from 'valibot'

/** The job: its name, its payload's schema, its retries. */
const welcome = defineJob('welcome', {
  payload: v.object({ email: v.pipe(v.string(), v.email()) }),
  retry: { attempts: 5, delay: 1_000 },
})

/** BullMQ on Redis when REDIS_URL is set; this process's memory (lost at exit) otherwise. */
const queue = jobQueue(
  process.env.REDIS_URL ? bullmqEngine({ url: process.env.REDIS_URL }) : memoryEngine(),
)

/** Where the worker "sends" mail: a log, as there is no mail server here. */
export const mailLog: string[] = []

// The worker: here in the same process; in production often a process of its own.
await queue.work(welcome, async ({ email }) => {
  mailLog.push(`Welcome, ${email}!`)
})

const signup = route.post(
  '/signup',
  {
    body: v.object({ email: v.pipe(v.string(), v.email()) }),
    deps: { queue: jobs(() => queue) },
    status: 202,
  },
  async ({ body, queue }) => {
    // The key makes a retried request enqueue nothing more.
    await queue.enqueue(welcome, { email: body.email }, { key: `welcome:${body.email}` })
    return { queued: true }
  },
)

// app.shutdown() (SIGTERM under `serve`) closes the queue: jobs in hand finish or go back.
export const app = createApp({ routes: [signup] })
