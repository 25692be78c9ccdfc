// A complete Sluice app: typed inputs, a response model and an error.
import { createApp, HTTPError, HTTPException, model, route } from '@sluice/core'
import * as v from 'valibot'

const Item = model('Item', v.object({ id: v.number(), name: v.string(), price: v.number() }))
const items = new Map([[1, { id: 1, name: 'Pen', price: 2.5, supplierCost: 0.4 }]])

const readItem = route.get(
  '/items/:id',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    responses: { 200: Item, 404: HTTPError },
    summary: 'Read one item',
  },
  ({ params }) => {
    const item = items.get(params.id)
    if (!item) throw new HTTPException(404, 'Item not found')
    return item // supplierCost is not in Item, so it never leaves the server
  },
)

export const app = createApp({ routes: [readItem] })
