import { once } from 'node:events'
import { createServer } from 'node:net'
import * as v from 'valibot'
import { expect, test } from 'vitest'
import { bullmqEngine } from './bullmq'
import { defineJob } from './define'
import { jobQueue } from './queue'

/** A port nobody listens on: connections to it are refused. */
async function refusingPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

const ping = defineJob('ping', { payload: v.object({}) })

test('an enqueue while Redis has never been reachable fails, and the errors go to onError', async () => {
  const errors: Error[] = []
  const engine = bullmqEngine({
    url: `redis://127.0.0.1:${await refusingPort()}`,
    enqueueTimeout: 100,
    onError: (error) => errors.push(error),
  })
  const queue = jobQueue(engine)
  // BullMQ waits for its first connection before any command: without a bound this never settles.
  await expect(queue.enqueue(ping, {})).rejects.toThrow(/not taken within 100 ms/)
  expect(errors.map((error) => error.message)).toContainEqual(expect.stringMatching(/ECONNREFUSED/))
  await queue.close(100)
})
