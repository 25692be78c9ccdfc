// FastAPI docs_src/bigger_applications/app/routers/items.py: a router with a prefix, tags, dependencies and responses.
import { HTTPError, HTTPException, route, router } from '@sluice/core'
import * as v from 'valibot'
import { getTokenHeader } from '../dependencies'

const fakeItemsDb: Record<string, { name: string }> = {
  plumbus: { name: 'Plumbus' },
  gun: { name: 'Portal Gun' },
}

const ItemId = v.object({ item_id: v.string() })

const readItems = route.get('/', {}, () => fakeItemsDb)

const readItem = route.get('/:item_id', { params: ItemId }, ({ params }) => {
  const item = fakeItemsDb[params.item_id]
  if (!item) throw new HTTPException(404, 'Item not found')
  return { name: item.name, item_id: params.item_id }
})

const updateItem = route.put(
  '/:item_id',
  {
    params: ItemId,
    tags: ['custom'],
    responses: { 403: { schema: HTTPError, description: 'Operation forbidden' } },
  },
  ({ params }) => {
    if (params.item_id !== 'plumbus')
      throw new HTTPException(403, 'You can only update the item: plumbus')
    return { item_id: params.item_id, name: 'The great Plumbus' }
  },
)

export const items = router(
  {
    prefix: '/items',
    tags: ['items'],
    deps: [getTokenHeader],
    responses: { 404: { schema: HTTPError, description: 'Not found' } },
  },
  [readItems, readItem, updateItem],
)
