// FastAPI docs_src/middleware/tutorial001: an HTTP middleware that adds a header to every response.
import { createApp } from '@sluice/core'
import type { MiddlewareHandler } from 'hono'

const addProcessTime: MiddlewareHandler = async (c, next) => {
  const start = performance.now()
  await next()
  c.header('X-Process-Time', String((performance.now() - start) / 1000))
}

export const app = createApp({ routes: [], middleware: [addProcessTime] })
