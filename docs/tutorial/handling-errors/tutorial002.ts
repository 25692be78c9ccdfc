// FastAPI docs_src/handling_errors/tutorial002: an HTTPException with custom headers.
import { createApp, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

const items: Record<string, string> = { foo: 'The Foo Wrestlers' }

const readItemHeader = route.get(
  '/items-header/:item_id',
  { params: v.object({ item_id: v.string() }) },
  ({ params }) => {
    const item = items[params.item_id]
    if (item === undefined) {
      throw new HTTPException(404, 'Item not found', { 'X-Error': 'There goes my error' })
    }
    return { item }
  },
)

export const app = createApp({ routes: [readItemHeader] })
