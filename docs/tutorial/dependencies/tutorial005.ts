// FastAPI docs_src/dependencies/tutorial005: sub-dependencies — a dependency that depends on another.
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

const queryExtractor = depends(
  { query: v.object({ q: v.optional(v.string()) }) },
  ({ query }) => query.q,
)

const queryOrCookieExtractor = depends(
  { q: queryExtractor, cookies: v.object({ last_query: v.optional(v.string()) }) },
  ({ q, cookies }) => q || cookies.last_query,
)

const readQuery = route.get(
  '/items/',
  { deps: { queryOrDefault: queryOrCookieExtractor } },
  ({ queryOrDefault }) => ({ q_or_cookie: queryOrDefault ?? null }),
)

export const app = createApp({ routes: [readQuery] })
