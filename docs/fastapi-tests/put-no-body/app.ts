// Sluice port of FastAPI tests/test_put_no_body.py (app.py).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const saveItemNoBody = route.put(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }) },
  ({ params }) => ({ item_id: params.item_id }),
)

export const app = createApp({ routes: [saveItemNoBody] })
