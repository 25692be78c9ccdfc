import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base'
import { createApp } from '@sluice/core'
import type { MiddlewareHandler } from 'hono'
import { expectTypeOf, test } from 'vitest'
import { tracing } from './tracing'

test('tracing() is middleware for createApp, with the global provider or one given', () => {
  expectTypeOf(tracing()).toEqualTypeOf<MiddlewareHandler>()
  createApp({ middleware: [tracing({ tracerProvider: new BasicTracerProvider() })], routes: [] })
  // @ts-expect-error a provider, not a tracer's name
  tracing({ tracerProvider: 'sluice' })
})
