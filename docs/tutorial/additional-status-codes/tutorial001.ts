// FastAPI docs_src/additional_status_codes/tutorial001: 200 for an update, 201 for a creation.
import { createApp, respond, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.nullable(v.string()), size: v.nullable(v.number()) })

const items: Record<string, v.InferOutput<typeof Item>> = {
  foo: { name: 'Fighters', size: 6 },
  bar: { name: 'Tenders', size: 3 },
}

/** Two optional body values, embedded under their names as FastAPI does with several `Body()`. */
const Upsert = v.optional(
  v.object({
    name: v.optional(v.nullable(v.string()), null),
    size: v.optional(v.nullable(v.pipe(v.number(), v.integer())), null),
  }),
  {},
)

const upsertItem = route.put(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), body: Upsert, responses: { 200: Item, 201: Item } },
  ({ params, body }) => {
    const item = { name: body.name, size: body.size }
    const exists = params.item_id in items
    items[params.item_id] = item
    return exists ? item : respond(201, item)
  },
)

export const app = createApp({ routes: [upsertItem] })
