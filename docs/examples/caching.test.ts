import { expect, test } from 'vitest'
import { app, counts } from './caching'

test('caching: computed once, revalidated with a 304, recomputed after an invalidation', async () => {
  const first = await app.request('/prices')
  expect(await first.json()).toEqual([
    { name: 'pen', price: 2.5 },
    { name: 'ink', price: 7 },
  ])
  expect(first.headers.get('cache-control')).toBe('public, max-age=60')
  const etag = first.headers.get('etag') as string

  const again = await app.request('/prices', { headers: { 'if-none-match': etag } })
  expect(again.status).toBe(304)
  expect(counts.computed).toBe(1)

  const put = await app.request('/prices/pen', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ price: 3 }),
  })
  expect(put.status).toBe(200)
  const changed = await app.request('/prices', { headers: { 'if-none-match': etag } })
  expect(changed.status).toBe(200)
  expect((await changed.json())[0]).toEqual({ name: 'pen', price: 3 })
  expect(counts.computed).toBe(2)
})
