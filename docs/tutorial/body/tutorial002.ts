// FastAPI docs_src/body/tutorial002: using the body's fields, and answering with a computed one.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
})

const createItem = route.post('/items/', { body: Item }, ({ body }) =>
  body.tax === null ? body : { ...body, price_with_tax: body.price + body.tax },
)

// FastAPI validates bodies in Pydantic's lax mode: `\"50.5\"` is a valid price.
export const app = createApp({ routes: [createItem], lax: true })
