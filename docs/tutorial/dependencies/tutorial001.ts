// FastAPI docs_src/dependencies/tutorial001: one dependency shared by two routes, with its own query inputs.
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

const Int = v.pipe(v.number(), v.integer())

const commonParameters = depends(
  {
    query: v.object({
      q: v.optional(v.string()),
      skip: v.optional(Int, 0),
      limit: v.optional(Int, 100),
    }),
  },
  ({ query }) => ({ q: query.q ?? null, skip: query.skip, limit: query.limit }),
)

const readItems = route.get(
  '/items/',
  { deps: { commons: commonParameters } },
  ({ commons }) => commons,
)
const readUsers = route.get(
  '/users/',
  { deps: { commons: commonParameters } },
  ({ commons }) => commons,
)

export const app = createApp({ routes: [readItems, readUsers] })
