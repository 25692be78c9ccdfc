// FastAPI docs_src/header_param_models/tutorial003: a header model whose names keep their underscores.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const CommonHeaders = v.pipe(
  v.object({
    host: v.string(),
    save_data: v.boolean(),
    if_modified_since: v.optional(v.nullable(v.string()), null),
    traceparent: v.optional(v.nullable(v.string()), null),
    x_tag: v.optional(v.array(v.string()), () => []),
  }),
  v.metadata({ convertUnderscores: false, model: true }),
)

const readItems = route.get('/items/', { headers: CommonHeaders }, ({ headers }) => headers)

export const app = createApp({ routes: [readItems] })
