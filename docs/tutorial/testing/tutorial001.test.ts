// FastAPI docs_src/app_testing/tutorial001's test_main.py: `app.request` stands for TestClient.
import { expect, test } from 'vitest'
import { app } from './tutorial001'

test('read main', async () => {
  const response = await app.request('/')
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ msg: 'Hello World' })
})
