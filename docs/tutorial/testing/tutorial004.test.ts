// Testing a dependency alone: it is a value, so a test mounts it on an app of its own and asks.
import { createApp, route } from '@sluice/core'
import { expect, test } from 'vitest'
import { commonParameters } from '../dependency-testing/tutorial001'

const probe = createApp({
  routes: [route.get('/', { deps: { commons: commonParameters } }, ({ commons }) => commons)],
})

test('reads and converts its query, with its defaults', async () => {
  const response = await probe.request('/?q=foo&skip=2')
  expect(await response.json()).toEqual({ q: 'foo', skip: 2, limit: 100 })
})

test('refuses what it cannot read, in FastAPI’s format', async () => {
  const response = await probe.request('/?limit=many')
  expect(response.status).toBe(422)
  expect((await response.json()).detail[0].loc).toEqual(['query', 'limit'])
})
