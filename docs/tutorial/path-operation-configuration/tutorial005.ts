// FastAPI docs_src/path_operation_configuration/tutorial005: a summary, a description and a response description.
import { createApp, route, setOf } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({
  name: v.string(),
  description: v.optional(v.nullable(v.string()), null),
  price: v.number(),
  tax: v.optional(v.nullable(v.number()), null),
  tags: v.optional(setOf(v.string()), () => []),
})

const createItem = route.post(
  '/items/',
  {
    body: Item,
    summary: 'Create an item',
    description: `Create an item with all the information:

- **name**: each item must have a name
- **description**: a long description
- **price**: required
- **tax**: if the item doesn't have tax, you can omit this
- **tags**: a set of unique tag strings for this item`,
    response: { schema: Item, description: 'The created item' },
  },
  ({ body }) => body,
)

export const app = createApp({ routes: [createItem] })
