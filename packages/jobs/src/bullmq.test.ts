import * as v from 'valibot'
import { expect, test } from 'vitest'
import { freePort } from '../../redis/src/fixtures/redis-server'
import { bullmqEngine } from './bullmq'
import { defineJob } from './define'
import { jobQueue } from './queue'

const ping = defineJob('ping', { payload: v.object({}) })

test('an enqueue while Redis has never been reachable fails, and the errors go to onError', async () => {
  const errors: Error[] = []
  const engine = bullmqEngine({
    // Nobody listens there: every connection is refused.
    url: `redis://127.0.0.1:${await freePort()}`,
    enqueueTimeout: 100,
    onError: (error) => errors.push(error),
  })
  const queue = jobQueue(engine)
  // BullMQ waits for its first connection before any command: without a bound this never settles.
  await expect(queue.enqueue(ping, {})).rejects.toThrow(/not taken within 100 ms/)
  expect(errors.map((error) => error.message)).toContainEqual(expect.stringMatching(/ECONNREFUSED/))
  await queue.close(100)
})
