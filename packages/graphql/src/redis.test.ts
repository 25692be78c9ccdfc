import SchemaBuilder from '@pothos/core'
import { createApp } from '@sluice/core'
import { redisEventLog } from '@sluice/redis'
import { createClient } from 'graphql-sse'
import { Redis } from 'ioredis'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { eventLogPubSub, type GraphQLContext, graphql } from './index'

const url = process.env.TEST_REDIS_URL

const Note = v.object({ text: v.string() })

/** One instance: its own Redis connection, event log, pub/sub and app. */
function instance(prefix: string) {
  const client = new Redis(url as string)
  const log = redisEventLog(client, { prefix })
  const notes = eventLogPubSub(log, Note)
  const builder = new SchemaBuilder<{ Context: GraphQLContext }>({})
  builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) })
  builder.subscriptionType({
    fields: (t) => ({
      note: t.string({
        subscribe: () => notes.subscribe('notes'),
        resolve: (note: v.InferOutput<typeof Note>) => note.text,
      }),
    }),
  })
  const app = createApp({ routes: [graphql({ schema: builder.toSchema() })] })
  const close = async () => {
    await log.close()
    await client.quit()
  }
  return { app, notes, close }
}

describe.skipIf(!url)('eventLogPubSub over redisEventLog', () => {
  let one: ReturnType<typeof instance>
  let two: ReturnType<typeof instance>
  beforeAll(() => {
    const prefix = `graphql-test:${crypto.randomUUID()}`
    one = instance(prefix)
    two = instance(prefix)
  })
  afterAll(async () => {
    await one.close()
    await two.close()
  })

  test('an event published on one instance reaches a subscriber of another', async () => {
    const client = createClient({
      url: 'http://localhost/graphql',
      fetchFn: (input: string | URL | Request, init?: RequestInit) =>
        two.app.request(input instanceof Request ? input : String(input), init),
      retryAttempts: 0,
    })
    const subscription = client.iterate({ query: 'subscription { note }' })
    let received: IteratorResult<unknown> | undefined
    void subscription.next().then((result) => {
      received = result
    })
    // The subscriber listens once its stream is open: publish until it hears (paced, not timed).
    while (!received) {
      await one.notes.publish('notes', { text: 'from one' })
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(received.value).toEqual({ data: { note: 'from one' } })
    await subscription.return?.()
    client.dispose()
  })
})
