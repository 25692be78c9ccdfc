// FastAPI docs_src/body/tutorial001: a JSON request body declared as a model, returned as is.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

/** `str | None = None` in Pydantic: may be absent or null, and reads as null when absent. */
const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
})

const createItem = route.post('/items/', { body: Item }, ({ body }) => body)

// FastAPI validates bodies in Pydantic's lax mode: `\"50.5\"` is a valid price.
export const app = createApp({ routes: [createItem], lax: true })
