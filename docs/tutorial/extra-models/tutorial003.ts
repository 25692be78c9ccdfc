// FastAPI docs_src/extra_models/tutorial003: a response that is one of several models (a union).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const CarItem = v.object({ description: v.string(), type: v.optional(v.string(), 'car') })
const PlaneItem = v.object({
  description: v.string(),
  type: v.optional(v.string(), 'plane'),
  size: v.pipe(v.number(), v.integer()),
})

const items: Record<string, v.InferInput<typeof CarItem> | v.InferInput<typeof PlaneItem>> = {
  item1: { description: 'All my friends drive a low rider', type: 'car' },
  item2: { description: "Music is my aeroplane, it's my aeroplane", type: 'plane', size: 5 },
}

/** Pydantic tries `PlaneItem | CarItem` in order, so the plane, with its size, is tried first. */
const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), response: v.union([PlaneItem, CarItem]) },
  ({ params }) => items[params.item_id] as v.InferInput<typeof CarItem>,
)

export const app = createApp({ routes: [readItem] })
