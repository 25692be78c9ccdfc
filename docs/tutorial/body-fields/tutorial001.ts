// FastAPI docs_src/body_fields/tutorial001: validations and metadata on a model's fields, body embedded.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(
    v.nullable(v.pipe(v.string(), v.maxLength(300), v.title('The description of the item'))),
    null,
  ),
  price: v.pipe(v.number(), v.gtValue(0), v.description('The price must be greater than zero')),
  tax: v.optional(v.nullable(v.number()), null),
})

/** `Body(embed=True)`: the body is an object with the model under its parameter name. */
const updateItem = route.put(
  '/items/:item_id',
  {
    params: v.object({ item_id: v.pipe(v.number(), v.integer()) }),
    body: v.object({ item: Item }),
  },
  ({ params, body }) => ({ item_id: params.item_id, item: body.item }),
)

// FastAPI validates bodies in Pydantic's lax mode: `\"50.5\"` is a valid price.
export const app = createApp({ routes: [updateItem], lax: true })
