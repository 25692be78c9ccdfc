// Sluice port of FastAPI tests/test_starlette_exception.py (app.py). Starlette's HTTPException and
// FastAPI's are one class in Sluice; a 204 answers with no body, whatever its detail.
import { createApp, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

const items: Record<string, string> = { foo: 'The Foo Wrestlers' }
const params = v.object({ item_id: v.string() })

const readItem = route.get('/items/:item_id', { params }, ({ params }) => {
  const item = items[params.item_id]
  if (item === undefined) {
    throw new HTTPException(404, 'Item not found', { 'X-Error': 'Some custom header' })
  }
  return { item }
})

const noBodyStatusCodeException = route.get('/http-no-body-statuscode-exception', {}, () => {
  throw new HTTPException(204)
})

const noBodyStatusCodeWithDetailException = route.get(
  '/http-no-body-statuscode-with-detail-exception',
  {},
  () => {
    throw new HTTPException(204, 'I should just disappear!')
  },
)

const readStarletteItem = route.get('/starlette-items/:item_id', { params }, ({ params }) => {
  const item = items[params.item_id]
  if (item === undefined) throw new HTTPException(404, 'Item not found')
  return { item }
})

export const app = createApp({
  routes: [
    readItem,
    noBodyStatusCodeException,
    noBodyStatusCodeWithDetailException,
    readStarletteItem,
  ],
})
