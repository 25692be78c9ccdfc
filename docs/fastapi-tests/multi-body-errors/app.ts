// Sluice port of FastAPI tests/test_multi_body_errors.py (app.py).
import { createApp, decimal, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.string(), age: decimal({ gt: 0 }) })

const saveItemNoBody = route.post('/items/', { body: v.array(Item) }, ({ body }) => ({
  item: body,
}))

export const app = createApp({ routes: [saveItemNoBody] })
