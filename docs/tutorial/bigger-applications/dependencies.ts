// FastAPI docs_src/bigger_applications/app/dependencies.py: dependencies shared by the app's routers.
import { depends, HTTPException } from '@sluice/core'
import * as v from 'valibot'

export const getTokenHeader = depends(
  { headers: v.object({ x_token: v.string() }) },
  ({ headers }) => {
    if (headers.x_token !== 'fake-super-secret-token')
      throw new HTTPException(400, 'X-Token header invalid')
  },
)

export const getQueryToken = depends({ query: v.object({ token: v.string() }) }, ({ query }) => {
  if (query.token !== 'jessica') throw new HTTPException(400, 'No Jessica token provided')
})
