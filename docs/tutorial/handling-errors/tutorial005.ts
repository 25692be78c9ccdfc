// FastAPI docs_src/handling_errors/tutorial005: a validation handler that also sends back the body it received.
import { createApp, handle, RequestValidationError, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ title: v.string(), size: v.pipe(v.number(), v.integer()) })

/** The request body was read once for validation; Hono keeps it, so it can be read again here. */
const validationExceptionHandler = handle(RequestValidationError, async (error, c) =>
  Response.json({ detail: error.issues, body: await c.req.json() }, { status: 422 }),
)

const createItem = route.post('/items/', { body: Item }, ({ body }) => body)

export const app = createApp({
  routes: [createItem],
  exceptionHandlers: [validationExceptionHandler],
})
