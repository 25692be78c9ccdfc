// FastAPI docs_src/dependency_testing/tutorial001: replacing a dependency in tests (`app.override`).
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

const Int = v.pipe(v.number(), v.integer())

export const commonParameters = depends(
  {
    query: v.object({
      q: v.optional(v.string()),
      skip: v.optional(Int, 0),
      limit: v.optional(Int, 100),
    }),
  },
  ({ query }) => ({ q: query.q ?? null, skip: query.skip, limit: query.limit }),
)

const readItems = route.get('/items/', { deps: { commons: commonParameters } }, ({ commons }) => ({
  message: 'Hello Items!',
  params: commons,
}))

const readUsers = route.get('/users/', { deps: { commons: commonParameters } }, ({ commons }) => ({
  message: 'Hello Users!',
  params: commons,
}))

export const app = createApp({ routes: [readItems, readUsers] })

/** The replacement reads its own inputs: `q` only, with fixed paging. */
export const overrideDependency = depends(
  { query: v.object({ q: v.optional(v.string()) }) },
  ({ query }) => ({ q: query.q ?? null, skip: 5, limit: 10 }),
)
