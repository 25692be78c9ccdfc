/**
 * A tiny app served by `serve()` in a child process, for the process tests in
 * src/node.test.ts. `GET /slow` waits `SLOW_MS` milliseconds (forever when it
 * is `hang`); `GRACE_MS` is the grace period; `PORT` the port (serve()'s
 * default when it is `default`, else a free one). Progress goes to stdout,
 * serve()'s listening line included.
 */
import { createApp, route } from '../src/index'
import { serve } from '../src/node'

const slowMs = process.env.SLOW_MS ?? '300'

const app = createApp({
  routes: [
    route.get('/slow', {}, async () => {
      console.log('request started')
      if (slowMs === 'hang') await new Promise(() => setInterval(() => {}, 1000))
      else await new Promise((resolve) => setTimeout(resolve, Number(slowMs)))
      return 'done'
    }),
  ],
  *lifespan() {
    yield
    console.log('teardown ran')
  },
})

await serve(app, {
  ...(process.env.PORT !== 'default' && { port: 0, hostname: '127.0.0.1' }),
  gracePeriod: Number(process.env.GRACE_MS ?? 5000),
})
