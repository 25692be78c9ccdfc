// Sluice port of FastAPI tests/test_request_params/test_body/test_optional_list.py (app.py): an
// optional embedded body field and a body model, each without and with an alias. A JSON body's
// keys are its schema's keys, so an alias is the key itself.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const list = v.optional(v.nullable(v.array(v.string())), null)
const embedded = <E extends v.ObjectEntries>(entries: E) =>
  v.optional(v.pipe(v.object(entries), v.metadata({ embed: true })))

const readOptionalListStr = route.post(
  '/optional-list-str',
  { body: embedded({ p: list }) },
  ({ body }) => ({ p: body?.p ?? null }),
)
const readModelOptionalListStr = route.post(
  '/model-optional-list-str',
  { body: v.object({ p: list }) },
  ({ body }) => ({ p: body.p }),
)
const readOptionalListAlias = route.post(
  '/optional-list-alias',
  { body: embedded({ p_alias: list }) },
  ({ body }) => ({ p: body?.p_alias ?? null }),
)
const readModelOptionalListAlias = route.post(
  '/model-optional-list-alias',
  { body: v.object({ p_alias: list }) },
  ({ body }) => ({ p: body.p_alias }),
)

export const app = createApp({
  routes: [
    readOptionalListStr,
    readModelOptionalListStr,
    readOptionalListAlias,
    readModelOptionalListAlias,
  ],
})
