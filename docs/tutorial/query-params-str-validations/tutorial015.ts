// FastAPI docs_src/query_params_str_validations/tutorial015: a custom validator (AfterValidator is v.check).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const data: Record<string, string> = {
  'isbn-9781529046137': "The Hitchhiker's Guide to the Galaxy",
  'imdb-tt0371724': "The Hitchhiker's Guide to the Galaxy",
  'isbn-9781439512982': 'Isaac Asimov: The Complete Stories, Vol. 2',
}

const ValidId = v.pipe(
  v.string(),
  v.check(
    (id) => id.startsWith('isbn-') || id.startsWith('imdb-'),
    'Invalid ID format, it must start with "isbn-" or "imdb-"',
  ),
)

const readItems = route.get(
  '/items/',
  { query: v.object({ id: v.optional(ValidId) }) },
  ({ query }) => {
    if (query.id) return { id: query.id, name: data[query.id] ?? null }
    const entries = Object.entries(data)
    const [id, name] = entries[Math.floor(Math.random() * entries.length)] as [string, string]
    return { id, name }
  },
)

export const app = createApp({ routes: [readItems] })
