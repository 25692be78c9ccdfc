// FastAPI docs_src/body_updates/tutorial001: PUT replaces the stored item with the one sent.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.optional(v.nullable(v.string()), null),
  description: v.optional(v.nullable(v.string()), null),
  price: v.optional(v.nullable(v.number()), null),
  tax: v.optional(v.number(), 10.5),
  tags: v.optional(v.array(v.string()), () => []),
})
type StoredItem = v.InferInput<typeof Item>

const items: Record<string, StoredItem> = {
  foo: { name: 'Foo', price: 50.2 },
  bar: { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 },
  baz: { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] },
}

const ItemId = v.object({ item_id: v.string() })

const readItem = route.get(
  '/items/:item_id',
  { params: ItemId, response: Item },
  ({ params }) => items[params.item_id] as StoredItem,
)

const updateItem = route.put(
  '/items/:item_id',
  { params: ItemId, body: Item, response: Item },
  ({ params, body }) => {
    items[params.item_id] = body
    return body
  },
)

export const app = createApp({ routes: [readItem, updateItem] })
