// FastAPI docs_src/path_params/tutorial001: a path parameter with no type arrives as a string.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }) },
  ({ params }) => ({ item_id: params.item_id }),
)

export const app = createApp({ routes: [readItem] })
