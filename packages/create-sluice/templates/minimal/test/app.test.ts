import { expect, test } from 'vitest'
import { app } from '../src/app'

test('GET /items/1 answers the item', async () => {
  const res = await app.request('/items/1')
  expect(res.status).toBe(200)
  expect(await res.json()).toEqual({ id: 1, name: 'Pen' })
})

test('an unknown item is a 404, a malformed id a 422', async () => {
  expect((await app.request('/items/2')).status).toBe(404)
  const res = await app.request('/items/one')
  expect(res.status).toBe(422)
  expect((await res.json()).detail[0].loc).toEqual(['path', 'id'])
})
