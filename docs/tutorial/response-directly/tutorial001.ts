// FastAPI docs_src/response_directly/tutorial001: returning a Response built from the validated body.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

/**
 * A date and time as Pydantic reads one, with or without seconds and offset: valibot's
 * `isoTimestamp` wants an offset and `isoDateTime` no seconds.
 */
const DateTime = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/),
)

const Item = v.object({
  title: v.string(),
  timestamp: DateTime,
  description: v.optional(v.nullable(v.string()), null),
})

const updateItem = route.put(
  '/items/:id',
  { params: v.object({ id: v.string() }), body: Item },
  ({ body }) => Response.json(body),
)

export const app = createApp({ routes: [updateItem] })
