// FastAPI docs_src/path_params/tutorial004: `{file_path:path}` is Hono's `:file_path{.+}`, slashes included.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const readFile = route.get(
  '/files/:file_path{.+}',
  { params: v.object({ file_path: v.string() }) },
  ({ params }) => ({ file_path: params.file_path }),
)

export const app = createApp({ routes: [readFile] })
