// FastAPI docs_src/response_model/tutorial004: `excludeUnset` sends only the fields the handler set.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.number(), 10.5),
  tags: v.optional(v.array(v.string()), () => []),
})

const items: Record<string, v.InferInput<typeof Item>> = {
  foo: { name: 'Foo', price: 50.2 },
  bar: { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 },
  baz: { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] },
}

const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), response: Item, excludeUnset: true },
  ({ params }) => items[params.item_id] as v.InferInput<typeof Item>,
)

export const app = createApp({ routes: [readItem] })
