// FastAPI docs_src/events/tutorial001: setup before the first request (FastAPI's startup event is a lifespan here).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const items: Record<string, { name: string }> = {}

const readItems = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }) },
  ({ params }) => items[params.item_id],
)

export const app = createApp({
  routes: [readItems],
  lifespan: async function* () {
    items.foo = { name: 'Fighters' }
    items.bar = { name: 'Tenders' }
    yield
  },
})
