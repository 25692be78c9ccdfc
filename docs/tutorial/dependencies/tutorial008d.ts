// FastAPI docs_src/dependencies/tutorial008d: a generator dependency that sees the handler's error and throws it again.
import { createApp, depends, HTTPException, route } from '@sluice/core'
import * as v from 'valibot'

class InternalError extends Error {}

export const log: string[] = []

const getUsername = depends(function* () {
  try {
    yield 'Rick'
  } catch (error) {
    if (error instanceof InternalError)
      log.push("We don't swallow the internal error here, we raise again 😎")
    throw error
  }
})

const getItem = route.get(
  '/items/:item_id',
  { params: v.object({ item_id: v.string() }), deps: { username: getUsername } },
  ({ params, username }) => {
    if (params.item_id === 'portal-gun') {
      throw new InternalError(`The portal gun is too dangerous to be owned by ${username}`)
    }
    if (params.item_id !== 'plumbus') {
      throw new HTTPException(404, "Item not found, there's only a plumbus here")
    }
    return params.item_id
  },
)

export const app = createApp({ routes: [getItem], logger: { error: () => {} } })
