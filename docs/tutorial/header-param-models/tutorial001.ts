// FastAPI docs_src/header_param_models/tutorial001: headers declared together as one model.
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
  // One model, as FastAPI's `Annotated[Model, …()]`: located by field name, a missing field echoes the input.
  v.metadata({ model: true }),
)

const readItems = route.get('/items/', { headers: CommonHeaders }, ({ headers }) => headers)

export const app = createApp({ routes: [readItems] })
