/**
 * A tiny app served by `serve()` in a child process, for the signal tests in
 * src/node.test.ts. `GET /slow` waits `SLOW_MS` milliseconds (forever when it
 * is `hang`); `GRACE_MS` is the grace period. Progress goes to stdout.
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

const { port } = await serve(app, {
  port: 0,
  hostname: '127.0.0.1',
  gracePeriod: Number(process.env.GRACE_MS ?? 5000),
})
console.log(`listening ${port}`)
