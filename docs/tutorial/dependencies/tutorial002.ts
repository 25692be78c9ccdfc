// FastAPI docs_src/dependencies/tutorial002: a class as a dependency — the factory returns an instance.
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

const fakeItemsDb = [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }]

class CommonQueryParams {
  constructor(
    readonly q: string | undefined,
    readonly skip: number,
    readonly limit: number,
  ) {}
}

const Int = v.pipe(v.number(), v.integer())

const commonQueryParams = depends(
  {
    query: v.object({
      q: v.optional(v.string()),
      skip: v.optional(Int, 0),
      limit: v.optional(Int, 100),
    }),
  },
  ({ query }) => new CommonQueryParams(query.q, query.skip, query.limit),
)

const readItems = route.get('/items/', { deps: { commons: commonQueryParams } }, ({ commons }) => ({
  ...(commons.q && { q: commons.q }),
  items: fakeItemsDb.slice(commons.skip, commons.skip + commons.limit),
}))

export const app = createApp({ routes: [readItems] })
