// Sluice port of FastAPI tests/test_union_body.py (app.py): a body that is one of two models,
// tried in order as Pydantic's smart union would pick here.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.optional(v.nullable(v.string())) })
const OtherItem = v.object({ price: v.pipe(v.number(), v.integer()) })

const saveUnionBody = route.post('/items/', { body: v.union([OtherItem, Item]) }, ({ body }) => ({
  item: body,
}))

export const app = createApp({ routes: [saveUnionBody] })
