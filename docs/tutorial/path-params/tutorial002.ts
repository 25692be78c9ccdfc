// FastAPI docs_src/path_params/tutorial002: a typed path parameter is converted and validated.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.pipe(v.number(), v.integer()) }) },
  ({ params }) => ({ item_id: params.item_id }),
)

export const app = createApp({ routes: [readItem] })
