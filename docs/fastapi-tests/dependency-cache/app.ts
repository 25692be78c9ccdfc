// Sluice port of FastAPI tests/test_dependency_cache.py (app.py).
import { createApp, depends, requireScopes, route } from '@sluice/core'

const counterHolder = { counter: 0 }
const count = () => ++counterHolder.counter

const depCounter = depends(count)
/** FastAPI's `Depends(dep_counter, use_cache=False)`: in Sluice, caching belongs to the dependency. */
const depCounterNoCache = depends(count, { cache: false })
const superDep = depends({ count: depCounter }, ({ count }) => count)

export const app = createApp({
  routes: [
    route.get('/counter/', { deps: { count: depCounter } }, ({ count }) => ({ counter: count })),
    route.get('/sub-counter/', { deps: { subcount: superDep, count: depCounter } }, (args) => ({
      counter: args.count,
      subcounter: args.subcount,
    })),
    route.get(
      '/sub-counter-no-cache/',
      { deps: { subcount: superDep, count: depCounterNoCache } },
      (args) => ({ counter: args.count, subcounter: args.subcount }),
    ),
    route.get(
      '/scope-counter',
      {
        deps: {
          count: depCounter,
          scope1: requireScopes(depCounter, ['scope']),
          scope2: requireScopes(depCounter, ['scope']),
        },
      },
      (args) => ({
        counter: args.count,
        scope_counter_1: args.scope1,
        scope_counter_2: args.scope2,
      }),
    ),
  ],
})
