// FastAPI docs_src/response_model/tutorial001: `response_model` validates and completes what a handler returns.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
  tags: v.optional(v.array(v.string()), () => []),
})

const createItem = route.post('/items/', { body: Item, response: Item }, ({ body }) => body)

const readItems = route.get('/items/', { response: v.array(Item) }, () => [
  { name: 'Portal Gun', price: 42.0 },
  { name: 'Plumbus', price: 32.0 },
])

export const app = createApp({ routes: [createItem, readItems] })
