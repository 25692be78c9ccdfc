// FastAPI docs_src/dependencies/tutorial012: global dependencies, run for every route of the app.
import { createApp, depends, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

const verifyToken = depends({ headers: v.object({ x_token: v.string() }) }, ({ headers }) => {
  if (headers.x_token !== 'fake-super-secret-token')
    throw new HTTPException(400, 'X-Token header invalid')
})

const verifyKey = depends({ headers: v.object({ x_key: v.string() }) }, ({ headers }) => {
  if (headers.x_key !== 'fake-super-secret-key')
    throw new HTTPException(400, 'X-Key header invalid')
  return headers.x_key
})

const readItems = route.get('/items/', {}, () => [{ item: 'Portal Gun' }, { item: 'Plumbus' }])
const readUsers = route.get('/users/', {}, () => [{ username: 'Rick' }, { username: 'Morty' }])

export const app = createApp({ routes: [readItems, readUsers], deps: [verifyToken, verifyKey] })
