// FastAPI docs_src/events/tutorial003: a lifespan that loads a model before the first request and clears it at shutdown.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

export const fakeAnswerToEverythingMlModel = (x: number) => x * 42

export const mlModels: Record<string, (x: number) => number> = {}

const predict = route.get('/predict', { query: v.object({ x: v.number() }) }, ({ query }) => ({
  result: (mlModels.answer_to_everything as (x: number) => number)(query.x),
}))

export const app = createApp({
  routes: [predict],
  lifespan: async function* () {
    // Load the ML model
    mlModels.answer_to_everything = fakeAnswerToEverythingMlModel
    yield
    // Clean up the ML models and release the resources
    delete mlModels.answer_to_everything
  },
})
