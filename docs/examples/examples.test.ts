import { expect, test } from 'vitest'
import { app as dependenciesApp, events } from './dependencies'
import { app as firstApp } from './first-app'

test('first-app: typed inputs, filtered output, FastAPI errors', async () => {
  expect(await (await firstApp.request('/items/1')).json()).toEqual({
    id: 1,
    name: 'Pen',
    price: 2.5,
  })
  expect((await firstApp.request('/items/2')).status).toBe(404)
  const invalid = await firstApp.request('/items/zero')
  expect(invalid.status).toBe(422)
  expect((await invalid.json()).detail[0].loc).toEqual(['path', 'id'])
})

test('dependencies: inputs, router dependencies and app-scoped cleanup', async () => {
  expect(await (await dependenciesApp.request('/api/fruit?skip=1')).json()).toEqual([
    'banana',
    'cherry',
  ])
  await dependenciesApp.shutdown()
  expect(events).toEqual(['GET /api/fruit', 'store closed'])
})
