// FastAPI docs_src/dataclasses_/tutorial001: a dataclass as the body; in Sluice every model is a valibot object.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  price: v.number(),
  description: v.optional(v.nullable(v.string()), null),
  tax: v.optional(v.nullable(v.number()), null),
})

const createItem = route.post('/items/', { body: Item }, ({ body }) => body)

export const app = createApp({ routes: [createItem] })
