// FastAPI docs_src/dependencies/tutorial008b: a generator dependency catches the handler's error and answers it.
import { createApp, depends, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

const data: Record<string, { description: string; owner: string }> = {
  plumbus: { description: 'Freshly pickled plumbus', owner: 'Morty' },
  'portal-gun': { description: 'Gun to create portals', owner: 'Rick' },
}

class OwnerError extends Error {}

const getUsername = depends(function* () {
  try {
    yield 'Rick'
  } catch (error) {
    if (error instanceof OwnerError) throw new HTTPException(400, `Owner error: ${error.message}`)
    throw error
  }
})

const getItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), deps: { username: getUsername } },
  ({ params, username }) => {
    const item = data[params.item_id]
    if (!item) throw new HTTPException(404, 'Item not found')
    if (item.owner !== username) throw new OwnerError(username)
    return item
  },
)

export const app = createApp({ routes: [getItem] })
