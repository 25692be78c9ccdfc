// FastAPI docs_src/extra_models/tutorial005: a dict as the response (v.record).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readKeywordWeights = route.get(
  '/keyword-weights/',
  { response: v.record(v.string(), v.number()) },
  () => ({ foo: 2.3, bar: 3.4 }),
)

export const app = createApp({ routes: [readKeywordWeights] })
