// FastAPI docs_src/body_nested_models/tutorial009: a dict with integer keys and float values.
import { createApp, dictKey, route } from '@sluice/core'
import * as v from 'valibot'

/** `dict[int, float]`: JSON keys are strings, read as integers the way Pydantic reads them. */
const createIndexWeights = route.post(
  '/index-weights/',
  { body: v.record(dictKey(v.pipe(v.number(), v.integer())), v.number()) },
  ({ body }) => body,
)

export const app = createApp({ routes: [createIndexWeights] })
