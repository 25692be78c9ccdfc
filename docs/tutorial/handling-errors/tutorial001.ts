// FastAPI docs_src/handling_errors/tutorial001: throw an HTTPException to answer with an error.
import { createApp, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

const items: Record<string, string> = { foo: 'The Foo Wrestlers' }

const readItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }) },
  ({ params }) => {
    const item = items[params.item_id]
    if (item === undefined) throw new HTTPException(404, 'Item not found')
    return { item }
  },
)

export const app = createApp({ routes: [readItem] })
