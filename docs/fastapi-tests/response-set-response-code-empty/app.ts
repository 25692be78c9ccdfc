// Sluice port of FastAPI tests/test_response_set_response_code_empty.py (app.py). A 204 route
// returns no body by its type; the handler that answers 400 with one says so with respond().
import { createApp, respond, route } from '@sluice/core'
import * as v from 'valibot'

const deleteDeployment = route.delete(
  '/:id',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer()) }),
    status: 204,
    responses: { 400: v.object({ msg: v.string(), id: v.number() }) },
  },
  ({ params }) => respond(400, { msg: 'Status overwritten', id: params.id }),
)

export const app = createApp({ routes: [deleteDeployment] })
