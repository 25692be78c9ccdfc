import { defineJob, jobQueue, memoryEngine } from '@sluice/jobs'
import * as v from 'valibot'
import { expect, test } from 'vitest'
import { prometheusMetrics } from './metrics'

test('jobs are counted by name and outcome, through a real queue', async () => {
  const metrics = prometheusMetrics({ processMetrics: false })
  const send = defineJob('send', {
    payload: v.object({ fail: v.number() }),
    retry: { attempts: 2, delay: 1 },
  })
  let ended = 0
  let allEnded!: () => void
  const done = new Promise<void>((resolve) => {
    allEnded = resolve
  })
  // Observers wrap one another, the last outermost: this one sees a try end after the metrics have.
  const tries = {
    async attempt(_: unknown, run: () => Promise<void>) {
      try {
        await run()
      } finally {
        if (++ended === 5) allEnded()
      }
    },
  }
  const queue = jobQueue(memoryEngine(), { observers: [metrics.jobs, tries] })
  await queue.work(send, ({ fail }, { attempt }) => {
    if (attempt <= fail) throw new Error('no')
  })
  await queue.enqueue(send, { fail: 0 }) // completed
  await queue.enqueue(send, { fail: 1 }) // retried, completed
  await queue.enqueue(send, { fail: 2 }) // retried, dead
  await done
  await queue.close()

  const text = await metrics.registry.metrics()
  expect(text).toContain('sluice_jobs_enqueued_total{job="send"} 3')
  expect(text).toContain('sluice_jobs_total{job="send",outcome="completed"} 2')
  expect(text).toContain('sluice_jobs_total{job="send",outcome="retried"} 2')
  expect(text).toContain('sluice_jobs_total{job="send",outcome="dead"} 1')
  expect(text).toContain('sluice_job_duration_seconds_count{job="send",outcome="dead"} 1')
})
