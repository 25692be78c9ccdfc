// Your Sluice app: `npm run dev` serves it at http://localhost:8000 with docs at /docs.
import { createApp, HTTPError, HTTPException, model, route } from '@sluice/core'
import * as v from 'valibot'

const Item = model('Item', v.object({ id: v.number(), name: v.string() }))
const items = new Map([[1, { id: 1, name: 'Pen' }]])

const health = route.get('/health', { response: v.object({ status: v.literal('ok') }) }, () => ({
  status: 'ok' as const,
}))

const readItem = route.get(
  '/items/:id',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }), // "1" arrives as 1
    responses: { 200: Item, 404: HTTPError },
    summary: 'Read one item',
  },
  ({ params }) => {
    const item = items.get(params.id)
    if (!item) throw new HTTPException(404, 'Item not found')
    return item
  },
)

export const app = createApp({ title: 'My API', version: '0.1.0', routes: [health, readItem] })
