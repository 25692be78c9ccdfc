// FastAPI tests/test_tutorial/test_events, request by request.
import { expect, test } from 'vitest'
import { conformance } from '../conformance'
import { app as app001 } from './tutorial001'
import { app as app003, fakeAnswerToEverythingMlModel, mlModels } from './tutorial003'

conformance('events/tutorial001', app001, [
  { request: ['GET', '/items/foo'], status: 200, body: { name: 'Fighters' } },
])

test('events/tutorial003: the lifespan loads the model before the first request and clears it at shutdown', async () => {
  expect(mlModels).toEqual({})
  await app003.startup()
  expect(mlModels.answer_to_everything).toBe(fakeAnswerToEverythingMlModel)
  const response = await app003.request('/predict?x=2')
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ result: 84.0 })
  await app003.shutdown()
  expect(mlModels).toEqual({})
})
