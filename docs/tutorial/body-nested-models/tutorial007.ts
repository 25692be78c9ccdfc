// FastAPI docs_src/body_nested_models/tutorial007: models nested three deep.
import { createApp, route, setOf } from '@sluice/core'
import * as v from 'valibot'

const Image = v.object({ url: v.pipe(v.string(), v.url()), name: v.string() })

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
  tags: v.optional(setOf(v.string()), () => []),
  images: v.optional(v.nullable(v.array(Image)), null),
})

const Offer = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  items: v.array(Item),
})

const createOffer = route.post('/offers/', { body: Offer }, ({ body }) => body)

export const app = createApp({ routes: [createOffer] })
