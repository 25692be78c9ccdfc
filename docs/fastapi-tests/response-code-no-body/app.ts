// Sluice port of FastAPI tests/test_response_code_no_body.py (app.py): a 204 route sends no body
// (FastAPI's JsonApiResponse class only names the media type of bodies it never sends).
import { createApp, route } from '@sluice/core'
import * as v from 'valibot'

const JsonApiError = v.object({
  errors: v.array(v.object({ status: v.string(), title: v.string() })),
})

const a = route.get(
  '/a',
  { status: 204, responses: { 500: { schema: JsonApiError, description: 'Error' } } },
  () => {},
)

export const app = createApp({ routes: [a] })
