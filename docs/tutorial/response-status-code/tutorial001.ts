// FastAPI docs_src/response_status_code/tutorial001: the status of a plain returned value, 201 here.
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const createItem = route.post(
  '/items/',
  { status: 201, query: v.object({ name: v.string() }) },
  ({ query }) => ({ name: query.name }),
)

export const app = createApp({ routes: [createItem] })
