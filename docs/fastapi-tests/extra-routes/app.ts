// Sluice port of FastAPI tests/test_extra_routes.py (app.py), without its TRACE route: the Fetch
// API (Node's fetch, and `Request` itself) refuses the TRACE method, so neither side can send it.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ name: v.string(), price: v.optional(v.nullable(v.number()), null) })
const params = v.object({ item_id: v.string() })

export const app = createApp({
  routes: [
    route.get('/items/:item_id', { params }, ({ params }) => ({ item_id: params.item_id })),
    route.get('/items-not-decorated/:item_id', { params }, ({ params }) => ({
      item_id: params.item_id,
    })),
    route.delete('/items/:item_id', { params, body: Item }, ({ params, body }) => ({
      item_id: params.item_id,
      item: body,
    })),
    route.head('/items/:item_id', { params }, ({ params }) =>
      Response.json(null, { headers: { 'x-fastapi-item-id': params.item_id } }),
    ),
    route.options('/items/:item_id', { params }, ({ params }) =>
      Response.json(null, { headers: { 'x-fastapi-item-id': params.item_id } }),
    ),
    route.patch('/items/:item_id', { params, body: Item }, ({ params, body }) => ({
      item_id: params.item_id,
      item: body,
    })),
  ],
})
