import { createApp } from '@sluice/core'
import { rateLimitedBy } from '@sluice/rate-limit'
import { expectTypeOf, test } from 'vitest'
import { prometheusMetrics } from './metrics'

test('the middleware goes in createApp, the scrape answer on a Hono route', () => {
  const metrics = prometheusMetrics({ rateLimitedBy, openWebSockets: () => 0 })
  const app = createApp({ middleware: [metrics.middleware], routes: [] })
  app.get('/metrics', metrics.serve)
  expectTypeOf(metrics.serve).returns.toEqualTypeOf<Promise<Response>>()
})

test('the options take what they read', () => {
  // @ts-expect-error the WebSockets are counted by a function read at each scrape
  prometheusMetrics({ openWebSockets: 3 })
  // @ts-expect-error buckets are numbers of seconds
  prometheusMetrics({ buckets: ['0.1'] })
})
