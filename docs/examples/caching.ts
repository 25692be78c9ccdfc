// Caching: a computed value kept in a store (cache()), and answers a client already has (httpCache → 304).
import { cache, createApp, httpCache, memoryCache, route } from '@sluice/core'
import * as v from 'valibot'

const prices = new Map([
  ['pen', 2.5],
  ['ink', 7],
])
export const counts = { computed: 0 }

/** Bounded: at most 1000 entries (and 16 MiB). `redisCache()` from @sluice/redis shares one store between instances. */
export const store = memoryCache({ maxEntries: 1_000 })

/** Computed once per currency, kept 60 seconds, dropped early by `store.invalidate(['prices'])`. */
const priceList = cache(
  { query: v.object({ currency: v.optional(v.picklist(['EUR', 'USD']), 'EUR') }) },
  async ({ query }) => {
    counts.computed++
    const rate = query.currency === 'USD' ? 1.1 : 1
    return [...prices].map(([name, price]) => ({ name, price: price * rate }))
  },
  { name: 'price-list', store, ttl: 60, tags: () => ['prices'] },
)

const Price = v.object({ name: v.string(), price: v.number() })

const listPrices = route.get(
  '/prices',
  {
    deps: { priceList },
    response: v.array(Price),
    // Any cache may keep it a minute; then it asks again with If-None-Match, and gets a 304 if unchanged.
    httpCache: httpCache({ cacheControl: 'public, max-age=60' }),
  },
  ({ priceList }) => priceList,
)

const setPrice = route.put(
  '/prices/:name',
  {
    params: v.object({ name: v.string() }),
    body: v.object({ price: v.number() }),
    response: Price,
  },
  async ({ params, body }) => {
    prices.set(params.name, body.price)
    await store.invalidate(['prices'])
    return { name: params.name, price: body.price }
  },
)

export const app = createApp({ routes: [listPrices, setPrice] })
