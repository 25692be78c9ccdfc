// Sluice port of FastAPI tests/test_multi_body_errors.py (app.py). Sluice has no Decimal type yet:
// `age` is a number, so its answers and its reason for "five" differ (pending.decimal).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.string(), age: v.pipe(v.number(), v.gtValue(0)) })

const saveItemNoBody = route.post('/items/', { body: v.array(Item) }, ({ body }) => ({
  item: body,
}))

export const app = createApp({ routes: [saveItemNoBody] })
