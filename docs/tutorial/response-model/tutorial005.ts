// FastAPI docs_src/response_model/tutorial005: `response_model_include` / `_exclude` are v.pick / v.omit.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.number(), 10.5),
})

const items: Record<string, v.InferInput<typeof Item>> = {
  foo: { name: 'Foo', price: 50.2 },
  bar: { name: 'Bar', description: 'The Bar fighters', price: 62, tax: 20.2 },
  baz: { name: 'Baz', description: 'There goes my baz', price: 50.2, tax: 10.5 },
}

const ItemId = v.object({ item_id: v.string() })

const readItemName = route.get(
  '/items/:item_id/name',
  { params: ItemId, response: v.pick(Item, ['name', 'description']) },
  ({ params }) => items[params.item_id] as v.InferInput<typeof Item>,
)

const readItemPublicData = route.get(
  '/items/:item_id/public',
  { params: ItemId, response: v.omit(Item, ['tax']) },
  ({ params }) => items[params.item_id] as v.InferInput<typeof Item>,
)

export const app = createApp({ routes: [readItemName, readItemPublicData] })
