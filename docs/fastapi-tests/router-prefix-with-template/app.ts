// Sluice port of FastAPI tests/test_router_prefix_with_template.py (app.py).
import { createApp, route, router } from '@sluice/core'
import * as v from 'valibot'

const readUser = route.get(
  '/users/:id',
  { params: v.object({ segment: v.string(), id: v.string() }) },
  ({ params }) => ({ segment: params.segment, id: params.id }),
)

export const app = createApp({ routes: [router({ prefix: '/:segment' }, [readUser])] })
