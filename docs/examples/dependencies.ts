// Dependencies: declared once, with their own inputs, resolved once per request, cleaned up after.
import { createApp, depends, route, router } from '@sluice/core'
import * as v from 'valibot'

export const events: string[] = []

/** An app-scoped resource: created on first use, closed by app.shutdown(). */
const store = depends(
  async function* () {
    const rows = ['apple', 'banana', 'cherry', 'date']
    yield { rows }
    events.push('store closed')
  },
  { scope: 'app' },
)

/** A request-scoped dependency with its own query inputs, shown in OpenAPI with the route's. */
const pagination = depends(
  {
    query: v.object({
      skip: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 2),
    }),
  },
  ({ query }) => ({ offset: query.skip, limit: query.limit }),
)

/** Runs for every route of the router below, and its value is not needed by them. */
const audit = depends((_, { c }) => {
  events.push(`${c.req.method} ${c.req.path}`)
})

const listFruit = route.get(
  '/fruit',
  { deps: { store, page: pagination }, response: v.array(v.string()) },
  ({ store, page }) => store.rows.slice(page.offset, page.offset + page.limit),
)

export const app = createApp({ routes: [router({ prefix: '/api', deps: [audit] }, [listFruit])] })
