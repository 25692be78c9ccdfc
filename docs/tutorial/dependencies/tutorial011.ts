// FastAPI docs_src/dependencies/tutorial011: a parameterised dependency (FastAPI's callable instance).
import { createApp, depends, route } from '@sluice/core'
import * as v from 'valibot'

/** Makes a dependency that says whether the query `q` contains `fixedContent`. */
function fixedContentQueryChecker(fixedContent: string) {
  return depends({ query: v.object({ q: v.optional(v.string(), '') }) }, ({ query }) =>
    query.q ? query.q.includes(fixedContent) : false,
  )
}

const checker = fixedContentQueryChecker('bar')

const readQueryCheck = route.get(
  '/query-checker/',
  { deps: { fixedContentIncluded: checker } },
  ({ fixedContentIncluded }) => ({ fixed_content_in_query: fixedContentIncluded }),
)

export const app = createApp({ routes: [readQueryCheck] })
