import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { createApp, HTTPException, route } from './index'

describe('HTTPException with a status that forbids a body', () => {
  const app = createApp({
    routes: [
      route.get('/fail/:status', { params: v.object({ status: v.number() }) }, ({ params }) => {
        throw new HTTPException(params.status as 204, undefined, { 'x-reason': 'gone' })
      }),
    ],
  })

  // FastAPI's http_exception_handler: `Response(status_code=…, headers=…)` when the status allows no body.
  test.each([204, 205, 304])('%i answers its status, its headers and no body', async (status) => {
    const res = await app.request(`/fail/${status}`)
    expect(res.status).toBe(status)
    expect(res.headers.get('x-reason')).toBe('gone')
    expect(res.headers.get('content-type')).toBeNull()
    expect(await res.text()).toBe('')
  })
})
