// Sluice port of FastAPI tests/test_request_params/test_body/test_required_str.py (app.py): an
// embedded body field (`Body(embed=True)`) and a body model, each without and with an alias. A
// JSON body's keys are its schema's keys, so an alias is the key itself.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const embedded = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(v.object(entries), v.metadata({ embed: true }))

const readRequiredStr = route.post(
  '/required-str',
  { body: embedded({ p: v.string() }) },
  ({ body }) => ({ p: body.p }),
)
const readModelRequiredStr = route.post(
  '/model-required-str',
  { body: v.object({ p: v.string() }) },
  ({ body }) => ({ p: body.p }),
)
const readRequiredAlias = route.post(
  '/required-alias',
  { body: embedded({ p_alias: v.string() }) },
  ({ body }) => ({ p: body.p_alias }),
)
const readModelRequiredAlias = route.post(
  '/model-required-alias',
  { body: v.object({ p_alias: v.string() }) },
  ({ body }) => ({ p: body.p_alias }),
)

export const app = createApp({
  routes: [readRequiredStr, readModelRequiredStr, readRequiredAlias, readModelRequiredAlias],
})
