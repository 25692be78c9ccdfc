import type { MiddlewareHandler } from 'hono'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp } from './app'
import { route } from './define-route'
import { depends } from './depends'
import { traceRequest } from './tracing'

/** A trace that logs what the request path runs through it, and when each settles. */
function recorder() {
  const log: string[] = []
  const record =
    (kind: string) =>
    (name: string, work: () => unknown): unknown => {
      log.push(`start ${kind} ${name}`)
      const result = work()
      if (!(result instanceof Promise)) {
        log.push(`end ${kind} ${name}`)
        return result
      }
      return result.finally(() => log.push(`end ${kind} ${name}`))
    }
  const middleware: MiddlewareHandler = (c, next) => {
    traceRequest(c, { dependency: record('dependency'), handler: record('handler') })
    return next()
  }
  return { log, middleware }
}

const config = depends(() => ({ greeting: 'hello' }), { scope: 'app', name: 'config' })
const user = depends(
  { query: v.object({ name: v.string() }) },
  async ({ query }) => ({ name: query.name }),
  { name: 'user' },
)
const greet = route.get('/greet', { deps: { config, user } }, ({ config, user }) => ({
  text: `${config.greeting} ${user.name}`,
}))

describe('the tracing seam', () => {
  it('runs each dependency and the handler through the request trace, in order', async () => {
    const { log, middleware } = recorder()
    const app = createApp({ middleware: [middleware], routes: [greet] })

    const res = await app.request('/greet?name=ann')
    expect(await res.json()).toEqual({ text: 'hello ann' })
    expect(log).toEqual([
      'start dependency config',
      'end dependency config',
      'start dependency user',
      'end dependency user',
      'start handler GET /greet',
      'end handler GET /greet',
    ])

    // An app-scoped value is made once: only the request that made it shows it.
    log.length = 0
    await app.request('/greet?name=bob')
    expect(log).toEqual([
      'start dependency user',
      'end dependency user',
      'start handler GET /greet',
      'end handler GET /greet',
    ])
  })

  it('skips a dependency whose inputs are invalid, as without a trace', async () => {
    const { log, middleware } = recorder()
    const app = createApp({ middleware: [middleware], routes: [greet] })
    expect((await app.request('/greet')).status).toBe(422)
    expect(log).toEqual(['start dependency config', 'end dependency config'])
  })
})
