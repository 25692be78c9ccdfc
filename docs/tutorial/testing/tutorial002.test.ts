// FastAPI docs_src/app_testing/app_b's test_main.py, with Hono's typed `testClient`: paths,
// inputs and answers are checked by TypeScript against the app's routes.
import { testClient } from 'hono/testing'
import { expect, test } from 'vitest'
import { app } from './tutorial002'

const client = testClient(app)
const token = { 'x-token': 'coneofsilence' }

test('read item', async () => {
  const response = await client.items[':item_id'].$get({ param: { item_id: 'foo' }, header: token })
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({
    id: 'foo',
    title: 'Foo',
    description: 'There goes my hero',
  })
})

test('read item with a bad token', async () => {
  const response = await client.items[':item_id'].$get({
    param: { item_id: 'foo' },
    header: { 'x-token': 'hailhydra' },
  })
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({ detail: 'Invalid X-Token header' })
})

test('read a missing item', async () => {
  const response = await client.items[':item_id'].$get({ param: { item_id: 'baz' }, header: token })
  expect(response.status).toBe(404)
  expect(await response.json()).toEqual({ detail: 'Item not found' })
})

test('create item', async () => {
  const item = { id: 'foobar', title: 'Foo Bar', description: 'The Foo Barters' }
  const response = await client.items.$post({ header: token, json: item })
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual(item)
})

test('create an item that exists', async () => {
  const item = { id: 'foo', title: 'The Foo ID Stealers', description: 'There goes my stealer' }
  const response = await client.items.$post({ header: token, json: item })
  expect(response.status).toBe(409)
  expect(await response.json()).toEqual({ detail: 'Item already exists' })
})
