// FastAPI docs_src/body_nested_models/tutorial009: a dict with integer keys and float values.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

/** JSON keys are strings: `dict[int, float]` accepts keys that read as integers. */
const IntKey = v.pipe(v.string(), v.regex(/^-?\d+$/))

const createIndexWeights = route.post(
  '/index-weights/',
  { body: v.record(IntKey, v.number()) },
  ({ body }) => body,
)

export const app = createApp({ routes: [createIndexWeights] })
