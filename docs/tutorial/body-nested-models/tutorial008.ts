// FastAPI docs_src/body_nested_models/tutorial008: a body that is a list of models.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const Image = v.object({ url: v.pipe(v.string(), v.url()), name: v.string() })

const createMultipleImages = route.post(
  '/images/multiple/',
  { body: v.array(Image) },
  ({ body }) => body,
)

export const app = createApp({ routes: [createMultipleImages] })
