import { expect, test } from 'vitest'
import { app, mailLog } from './jobs'

test('jobs: a route enqueues a typed job once per key, and the worker runs it', async () => {
  const signup = (email: string) =>
    app.request('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    })
  expect((await signup('ada@example.com')).status).toBe(202)
  expect((await signup('ada@example.com')).status).toBe(202)
  expect((await signup('not an address')).status).toBe(422)
  await expect.poll(() => mailLog).toEqual(['Welcome, ada@example.com!'])
  await app.shutdown()
})
