// FastAPI docs_src/handling_errors/tutorial005: a validation handler that also sends back the body it received.
import { createApp, handle, RequestValidationError, route } from '@sluice/core'
import * as v from 'valibot'

const Item = v.object({ title: v.string(), size: v.pipe(v.number(), v.integer()) })

/** The error carries the body as it was received (FastAPI's `exc.body`): parsed JSON, or the text that was not. */
const validationExceptionHandler = handle(RequestValidationError, (error) =>
  Response.json({ detail: error.issues, body: error.body }, { status: 422 }),
)

const createItem = route.post('/items/', { body: Item }, ({ body }) => body)

export const app = createApp({
  routes: [createItem],
  exceptionHandlers: [validationExceptionHandler],
})
